import { sql, type Kysely } from 'kysely';

// Frozen once landed. Typed Kysely<any> and importing no app code; PostgreSQL 15 features only.
// Posts get the jurisdiction their holder acts in (the rotation planner checks relatives' ties against it),
// rotation plans are stored with every proposed move, and overridden enforcement checks keep their reason.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table post add column jurisdiction text check (jurisdiction ~ '^[0-9]{6}$')`.execute(db);

  // One current assignment per person per post.
  await sql`
    create unique index assignment_one_current on assignment (staff_id, post_id) where valid_to is null
  `.execute(db);
  await sql`create index assignment_staff on assignment (staff_id)`.execute(db);

  const common = sql`
    version integer not null default 1,
    seq bigint not null default nextval('world_seq'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()`;

  await sql`
    create table rotation_plan (
      id bigint generated always as identity primary key,
      as_of date not null,
      horizon_days integer not null check (horizon_days between 0 and 3660),
      max_unit_share numeric(5, 4) not null check (max_unit_share > 0 and max_unit_share <= 1),
      status text not null check (status in ('proposed', 'accepted')),
      summary jsonb not null,
      created_by text not null,
      accepted_by text,
      accepted_at timestamptz,
      ${common}
    )`.execute(db);

  await sql`
    create table rotation_plan_move (
      id bigint generated always as identity primary key,
      plan_id bigint not null references rotation_plan (id),
      position integer not null,
      staff_id bigint not null references staff (id),
      from_assignment_id bigint not null references assignment (id),
      to_post_id bigint references post (id),
      status text not null check (status in ('proposed', 'infeasible', 'edited', 'dropped', 'applied')),
      explanation jsonb not null,
      note text,
      opened_assignment_id bigint references assignment (id),
      unique (plan_id, from_assignment_id),
      unique (plan_id, position),
      ${common}
    )`.execute(db);

  for (const table of ['rotation_plan', 'rotation_plan_move']) {
    await sql`create index ${sql.id(`${table}_seq`)} on ${sql.table(table)} (seq)`.execute(db);
    await sql`
      create trigger keep_revision before update or delete on ${sql.table(table)}
      for each row execute function qinglian_keep_revision()`.execute(db);
  }

  // An override is a standing record of who let a failing check through and why: never changed, never removed.
  await sql`
    create table enforcement_override (
      id bigint generated always as identity primary key,
      action_id bigint not null references enforcement_action (id),
      violations jsonb not null,
      reason text not null check (length(reason) > 0),
      authorised_by text not null,
      authorised_roles text[] not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index enforcement_override_action on enforcement_override (action_id)`.execute(db);
  await sql`
    create function qinglian_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = 'P0001';
    end $$`.execute(db);
  await sql`
    create trigger enforcement_override_no_change before update or delete on enforcement_override
    for each row execute function qinglian_refuse_change()`.execute(db);
  await sql`
    create trigger enforcement_override_no_truncate before truncate on enforcement_override
    for each statement execute function qinglian_refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists enforcement_override`.execute(db);
  await sql`drop function if exists qinglian_refuse_change()`.execute(db);
  await sql`drop table if exists rotation_plan_move`.execute(db);
  await sql`drop table if exists rotation_plan`.execute(db);
  await sql`drop index if exists assignment_staff`.execute(db);
  await sql`drop index if exists assignment_one_current`.execute(db);
  await sql`alter table post drop column if exists jurisdiction`.execute(db);
}

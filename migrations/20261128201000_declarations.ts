import { sql, type Kysely } from 'kysely';

// Frozen once landed. Typed Kysely<any> and importing no app code; PostgreSQL 15 features only.
// Annual declaration campaigns: who opened a campaign and whom it covers; a declaration row stays the
// submitted version (a row with `submitted_on` set is a submission, as the screening rules read it), while the
// staff member's work in progress lives in `declaration_draft`. Reviews, reminders and idempotency keys are
// append-only records. Relies on `qinglian_refuse_change()` from 20261128190000.

export async function up(db: Kysely<any>): Promise<void> {
  // population: null = everyone serving on 31 December of the year; else {"servingOn": day} or {"staffNos": [...]}.
  await sql`
    alter table campaign
      add column population jsonb,
      add column opened_by text,
      add column opened_on date`.execute(db);

  // submitted_on stays the first submission; an amendment records its own day, reason and author.
  await sql`
    alter table declaration
      add column nothing_to_report boolean not null default false,
      add column amendment_reason text,
      add column amended_on date,
      add column submitted_by text,
      add constraint declaration_amendment_has_reason
        check (amended_on is null or (amendment_reason is not null and length(amendment_reason) > 0))`.execute(
    db,
  );

  await sql`
    create table declaration_draft (
      id bigint generated always as identity primary key,
      staff_id bigint not null references staff (id),
      year integer not null check (year between 1949 and 9999),
      items jsonb not null default '[]',
      nothing_to_report boolean,
      amendment_reason text,
      state text not null check (state in ('open', 'submitted')),
      based_on_version integer,
      submitted_version integer,
      unique (staff_id, year),
      version integer not null default 1,
      seq bigint not null default nextval('world_seq'),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create trigger keep_revision before update or delete on declaration_draft
    for each row execute function qinglian_keep_revision()`.execute(db);

  // One decision per submitted version: a returned declaration is amended (a new version) and reviewed again.
  await sql`
    create table declaration_review (
      id bigint generated always as identity primary key,
      declaration_id bigint not null references declaration (id),
      declaration_version integer not null,
      decision text not null check (decision in ('accepted', 'returned')),
      comment text,
      reviewed_by text not null,
      reviewed_on date not null,
      reviewed_at timestamptz not null,
      recorded jsonb not null default '[]',
      unique (declaration_id, declaration_version),
      check (decision = 'accepted' or (comment is not null and length(comment) > 0))
    )`.execute(db);

  await sql`
    create table reminder (
      id bigint generated always as identity primary key,
      campaign_id bigint not null references campaign (id),
      staff_id bigint not null references staff (id),
      sent_on date not null,
      sent_at timestamptz not null,
      sent_by text not null,
      channel text not null check (channel in ('in_app')),
      standing text not null check (standing in ('in_time', 'overdue')),
      days_left integer not null,
      note text
    )`.execute(db);
  await sql`create index reminder_campaign_staff on reminder (campaign_id, staff_id, sent_on)`.execute(db);

  // A request replayed with the same key gets the stored answer; the digest tells a different body apart.
  await sql`
    create table idempotency_key (
      scope text not null,
      key text not null,
      request_digest text not null,
      status integer not null,
      response jsonb not null,
      created_at timestamptz not null,
      primary key (scope, key)
    )`.execute(db);

  for (const table of ['declaration_review', 'reminder', 'idempotency_key']) {
    await sql`
      create trigger ${sql.id(`${table}_no_change`)} before update or delete on ${sql.table(table)}
      for each row execute function qinglian_refuse_change()`.execute(db);
    await sql`
      create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function qinglian_refuse_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['idempotency_key', 'reminder', 'declaration_review', 'declaration_draft']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`
    alter table declaration
      drop constraint if exists declaration_amendment_has_reason,
      drop column if exists submitted_by,
      drop column if exists amended_on,
      drop column if exists amendment_reason,
      drop column if exists nothing_to_report`.execute(db);
  await sql`
    alter table campaign
      drop column if exists opened_on,
      drop column if exists opened_by,
      drop column if exists population`.execute(db);
}

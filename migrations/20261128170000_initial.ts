import { sql, type Kysely } from 'kysely';

// Frozen once landed. Typed Kysely<any> and importing no app code, so later schema changes never break it.
// Only PostgreSQL 15 features: the same file runs on the server (15) and on PGlite (18).

const VERSIONED_TABLES = [
  'person',
  'staff',
  'kinship',
  'organization',
  'affiliation',
  'ownership',
  'post',
  'assignment',
  'qualification',
  'suspension',
  'enforcement_action',
  'engagement',
  'designation',
  'campaign',
  'declaration',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // A global, commit-ordered change counter: every versioned row carries the seq of its last write, so an
  // in-memory graph can fetch exactly what changed since it was built (writers are serialised by the audit lock).
  await sql`create sequence world_seq`.execute(db);

  await sql`
    create table revision (
      id bigint generated always as identity primary key,
      table_name text not null,
      row_id bigint not null,
      version integer not null,
      data jsonb not null,
      replaced_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index revision_row on revision (table_name, row_id, version)`.execute(db);

  // Every update keeps the previous row in `revision` and bumps version/seq; deletes are refused.
  await sql`
    create function qinglian_keep_revision() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'records in % are closed or versioned, never deleted', tg_table_name
          using errcode = 'P0001';
      end if;
      insert into revision (table_name, row_id, version, data)
        values (tg_table_name, old.id, old.version, to_jsonb(old));
      new.version := old.version + 1;
      new.seq := nextval('world_seq');
      new.updated_at := now();
      return new;
    end $$`.execute(db);

  const common = sql`
    version integer not null default 1,
    seq bigint not null default nextval('world_seq'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()`;

  await sql`
    create table person (
      id bigint generated always as identity primary key,
      ref text not null unique,
      name text not null,
      id_number text unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
      ${common}
    )`.execute(db);

  await sql`
    create table staff (
      id bigint generated always as identity primary key,
      staff_no text not null unique,
      person_id bigint not null references person (id),
      category text not null
        check (category in ('leader_cadre', 'enforcement_cadre', 'cadre', 'firefighter', 'civilian')),
      unit text not null,
      jurisdiction text not null check (jurisdiction ~ '^[0-9]{6}$'),
      hired_on date not null,
      departed_on date,
      departure_kind text check (departure_kind in ('resigned', 'retired', 'dismissed', 'transferred')),
      check (departed_on is null or departed_on > hired_on),
      ${common}
    )`.execute(db);
  await sql`create index staff_person on staff (person_id)`.execute(db);

  await sql`
    create table kinship (
      id bigint generated always as identity primary key,
      person_id bigint not null references person (id),
      relative_id bigint not null references person (id),
      relation text not null check (relation in ('spouse', 'parent', 'child', 'sibling', 'grandparent',
        'grandchild', 'child_spouse', 'spouse_parent', 'spouse_sibling', 'sibling_spouse', 'other')),
      unique (person_id, relative_id),
      check (person_id <> relative_id),
      ${common}
    )`.execute(db);
  await sql`create index kinship_relative on kinship (relative_id)`.execute(db);

  await sql`
    create table organization (
      id bigint generated always as identity primary key,
      credit_code text not null unique check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
      name text not null,
      kind text not null check (kind in ('fire_engineering', 'technical_service_maintenance',
        'technical_service_assessment', 'fire_product', 'industry_association', 'intermediary',
        'public_venue', 'other')),
      region text not null check (region ~ '^[0-9]{6}$'),
      ${common}
    )`.execute(db);

  await sql`
    create table affiliation (
      id bigint generated always as identity primary key,
      person_id bigint not null references person (id),
      org_id bigint not null references organization (id),
      role text not null check (role in ('owner', 'shareholder', 'partner', 'legal_representative', 'director',
        'executive', 'employee', 'consultant', 'member')),
      share numeric(7, 4) check (share > 0 and share <= 100),
      paid boolean not null default false,
      valid_from date,
      valid_to date,
      source text not null check (source in ('registry', 'declaration', 'investigation', 'hr')),
      unique nulls not distinct (person_id, org_id, role, valid_from),
      check (valid_to is null or valid_from is null or valid_to > valid_from),
      ${common}
    )`.execute(db);
  await sql`create index affiliation_org on affiliation (org_id)`.execute(db);

  await sql`
    create table ownership (
      id bigint generated always as identity primary key,
      owner_org_id bigint not null references organization (id),
      org_id bigint not null references organization (id),
      share numeric(7, 4) check (share > 0 and share <= 100),
      valid_from date,
      valid_to date,
      unique nulls not distinct (owner_org_id, org_id, valid_from),
      check (owner_org_id <> org_id),
      check (valid_to is null or valid_from is null or valid_to > valid_from),
      ${common}
    )`.execute(db);
  await sql`create index ownership_org on ownership (org_id)`.execute(db);

  await sql`
    create table post (
      id bigint generated always as identity primary key,
      code text not null unique,
      name text not null,
      unit text not null,
      kind text not null check (kind in ('enforcement', 'leadership', 'administrative', 'rescue')),
      rotation_years integer check (rotation_years > 0),
      ${common}
    )`.execute(db);

  await sql`
    create table assignment (
      id bigint generated always as identity primary key,
      staff_id bigint not null references staff (id),
      post_id bigint not null references post (id),
      valid_from date not null,
      valid_to date,
      unique (staff_id, post_id, valid_from),
      check (valid_to is null or valid_to > valid_from),
      ${common}
    )`.execute(db);
  await sql`create index assignment_post on assignment (post_id)`.execute(db);

  await sql`
    create table qualification (
      id bigint generated always as identity primary key,
      staff_id bigint not null references staff (id),
      kind text not null check (kind in ('enforcement', 'auxiliary')),
      cert_no text not null unique,
      level text,
      issuer text,
      passed_on date not null,
      expires_on date,
      check (expires_on is null or expires_on > passed_on),
      ${common}
    )`.execute(db);
  await sql`create index qualification_staff on qualification (staff_id)`.execute(db);

  await sql`
    create table suspension (
      id bigint generated always as identity primary key,
      staff_id bigint not null references staff (id),
      valid_from date not null,
      valid_to date,
      reason text not null,
      unique (staff_id, valid_from),
      check (valid_to is null or valid_to > valid_from),
      ${common}
    )`.execute(db);

  await sql`
    create table enforcement_action (
      id bigint generated always as identity primary key,
      ref text not null unique,
      kind text not null check (kind in ('inspection', 'penalty', 'approval', 'investigation')),
      org_id bigint not null references organization (id),
      on_date date not null,
      ${common}
    )`.execute(db);
  await sql`create index enforcement_action_org on enforcement_action (org_id)`.execute(db);

  // The officers of an action are part of the action: replacing them bumps the action's version.
  await sql`
    create table action_officer (
      action_id bigint not null references enforcement_action (id),
      staff_id bigint not null references staff (id),
      position smallint not null,
      primary key (action_id, staff_id)
    )`.execute(db);
  await sql`create index action_officer_staff on action_officer (staff_id)`.execute(db);

  await sql`
    create table engagement (
      id bigint generated always as identity primary key,
      client_org_id bigint not null references organization (id),
      contractor_org_id bigint not null references organization (id),
      on_date date not null,
      unique (client_org_id, contractor_org_id, on_date),
      ${common}
    )`.execute(db);

  await sql`
    create table designation (
      id bigint generated always as identity primary key,
      staff_id bigint not null references staff (id),
      org_id bigint not null references organization (id),
      on_date date not null,
      source text not null,
      note text,
      unique (staff_id, org_id, on_date),
      ${common}
    )`.execute(db);

  await sql`
    create table campaign (
      id bigint generated always as identity primary key,
      year integer not null unique check (year between 1949 and 9999),
      due_on date not null,
      ${common}
    )`.execute(db);

  // Items are kept inside the row (natural keys), so each revision of a declaration is one whole snapshot.
  await sql`
    create table declaration (
      id bigint generated always as identity primary key,
      staff_id bigint not null references staff (id),
      year integer not null,
      submitted_on date,
      items jsonb not null default '[]',
      unique (staff_id, year),
      ${common}
    )`.execute(db);

  for (const table of VERSIONED_TABLES) {
    await sql`create index ${sql.id(`${table}_seq`)} on ${sql.table(table)} (seq)`.execute(db);
    await sql`
      create trigger keep_revision before update or delete on ${sql.table(table)}
      for each row execute function qinglian_keep_revision()`.execute(db);
  }

  await sql`
    create table policy (
      version integer primary key,
      "values" jsonb not null,
      reason text,
      created_by text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table screening (
      id uuid primary key default gen_random_uuid(),
      as_of date not null,
      policy_version integer references policy (version),
      triggered_by text not null,
      counts jsonb not null default '{}',
      raised integer not null default 0,
      resolved integer not null default 0,
      reopened integer not null default 0,
      duration_ms integer not null default 0,
      started_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);

  await sql`
    create table flag (
      id uuid primary key default gen_random_uuid(),
      rule text not null,
      flag_key text not null unique,
      severity text not null check (severity in ('violation', 'risk')),
      status text not null check (status in ('open', 'confirmed', 'dismissed', 'resolved')),
      staff_no text,
      org text,
      action text,
      post text,
      year integer,
      citation jsonb not null,
      evidence jsonb not null,
      first_seen_in uuid not null references screening (id),
      last_seen_in uuid not null references screening (id),
      resolved_in uuid references screening (id),
      decision text check (decision in ('confirmed', 'dismissed')),
      decision_reason text,
      decided_by text,
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index flag_status_rule on flag (status, rule)`.execute(db);
  await sql`create index flag_staff on flag (staff_no)`.execute(db);

  await sql`
    create table flag_observation (
      screening_id uuid not null references screening (id),
      flag_id uuid not null references flag (id),
      evidence jsonb not null,
      primary key (screening_id, flag_id)
    )`.execute(db);

  await sql`
    create table flag_event (
      id bigint generated always as identity primary key,
      flag_id uuid not null references flag (id),
      from_status text,
      to_status text not null,
      screening_id uuid references screening (id),
      actor text not null,
      reason text,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index flag_event_flag on flag_event (flag_id, id)`.execute(db);

  // The audit trail is append-only and hash-chained: each row holds the hash of the one before it.
  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null,
      actor text not null,
      roles text[] not null,
      action text not null,
      object_keys jsonb not null,
      request_id text,
      digest text,
      prev_hash text not null,
      hash text not null unique
    )`.execute(db);
  await sql`
    create function qinglian_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'P0001';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function qinglian_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function qinglian_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'flag_event',
    'flag_observation',
    'flag',
    'screening',
    'policy',
    'declaration',
    'campaign',
    'designation',
    'engagement',
    'action_officer',
    'enforcement_action',
    'suspension',
    'qualification',
    'assignment',
    'post',
    'ownership',
    'affiliation',
    'organization',
    'kinship',
    'staff',
    'person',
    'revision',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists qinglian_append_only()`.execute(db);
  await sql`drop function if exists qinglian_keep_revision()`.execute(db);
  await sql`drop sequence if exists world_seq`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// Accountability findings (RULES.md 十三). Frozen once landed; typed Kysely<any>, importing no app code.
// A finding is never deleted: `finding` holds the current header, and every version is kept whole in
// `finding_version` (a snapshot) and in the per-version rows of respondents, subjects and outcomes, which are
// append-only. Queries join the child rows on the finding's current version.

const FINDING_TYPES = sql.raw(
  `'inaction', 'misconduct', 'delay', 'unlawful_approval', 'unlawful_penalty', 'improper_gain', ` +
    `'corruption', 'dereliction', 'reporting', 'conflict'`,
);
const HANDLING = sql.raw(
  `'criticism', 'admonishment', 'suspension_for_inspection', 'reassignment', 'ordered_resignation', ` +
    `'dismissal_from_post', 'demotion'`,
);
const SANCTIONS = sql.raw(`'warning', 'demerit', 'major_demerit', 'downgrade', 'removal', 'expulsion'`);

const APPEND_ONLY_TABLES = ['finding_version', 'finding_respondent', 'finding_subject', 'finding_outcome'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function qinglian_finding_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% keeps every version of a finding (% refused)', tg_table_name, tg_op
        using errcode = 'P0001';
    end $$`.execute(db);
  await sql`
    create function qinglian_finding_no_delete() returns trigger language plpgsql as $$
    begin
      raise exception 'findings are never deleted; record a new version instead (% refused)', tg_op
        using errcode = 'P0001';
    end $$`.execute(db);

  // The closing check is repeated here as a last line of defence: a closed corruption or dereliction finding
  // (or a suspected-criminal improper_gain one) always carries its referral to the supervisory commission.
  await sql`
    create table finding (
      id uuid primary key default gen_random_uuid(),
      type text not null check (type in (${FINDING_TYPES})),
      found_on date not null,
      narrative text not null,
      severe boolean not null default false,
      suspected_criminal boolean not null default false,
      status text not null default 'open' check (status in ('open', 'closed')),
      closed_on date,
      referral_on date,
      referral_reference text,
      referral_authority text,
      version integer not null default 1,
      created_by text not null,
      updated_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'closed') = (closed_on is not null)),
      check ((referral_on is null) = (referral_reference is null)),
      check (closed_on is null or closed_on >= found_on),
      check (status <> 'closed' or referral_on is not null
        or not (type in ('corruption', 'dereliction') or (type = 'improper_gain' and suspected_criminal)))
    )`.execute(db);
  await sql`create index finding_found_on on finding (found_on, id)`.execute(db);
  await sql`create index finding_type_status on finding (type, status)`.execute(db);
  await sql`
    create trigger finding_no_delete before delete on finding
    for each row execute function qinglian_finding_no_delete()`.execute(db);
  await sql`
    create trigger finding_no_truncate before truncate on finding
    for each statement execute function qinglian_finding_no_delete()`.execute(db);

  await sql`
    create table finding_version (
      finding_id uuid not null references finding (id),
      version integer not null check (version > 0),
      snapshot jsonb not null,
      reason text,
      actor text not null,
      recorded_at timestamptz not null default now(),
      primary key (finding_id, version)
    )`.execute(db);

  await sql`
    create table finding_respondent (
      finding_id uuid not null,
      version integer not null,
      staff_id bigint not null references staff (id),
      responsibility text not null check (responsibility in ('direct', 'leadership')),
      position smallint not null,
      primary key (finding_id, version, staff_id),
      foreign key (finding_id, version) references finding_version (finding_id, version)
    )`.execute(db);
  await sql`create index finding_respondent_staff on finding_respondent (staff_id)`.execute(db);

  await sql`
    create table finding_subject (
      finding_id uuid not null,
      version integer not null,
      position smallint not null,
      action_id bigint references enforcement_action (id),
      flag_id uuid references flag (id),
      declaration_id bigint references declaration (id),
      rule text,
      check (num_nonnulls(action_id, flag_id, declaration_id, rule) = 1),
      primary key (finding_id, version, position),
      foreign key (finding_id, version) references finding_version (finding_id, version)
    )`.execute(db);
  await sql`create index finding_subject_action on finding_subject (action_id) where action_id is not null`.execute(
    db,
  );
  await sql`create index finding_subject_flag on finding_subject (flag_id) where flag_id is not null`.execute(
    db,
  );

  // `months` is the policy value used when the sanction was recorded; `ends_on` = starts_on + months (half-open).
  await sql`
    create table finding_outcome (
      finding_id uuid not null,
      version integer not null,
      staff_id bigint not null,
      position smallint not null,
      category text not null check (category in ('handling', 'sanction')),
      measure text not null check (
        (category = 'handling' and measure in (${HANDLING})) or (category = 'sanction' and measure in (${SANCTIONS}))),
      starts_on date not null,
      months integer check (months > 0),
      ends_on date,
      note text,
      check (ends_on is null or ends_on > starts_on),
      check ((months is null) = (ends_on is null)),
      primary key (finding_id, version, staff_id, position),
      foreign key (finding_id, version, staff_id) references finding_respondent (finding_id, version, staff_id)
    )`.execute(db);
  await sql`create index finding_outcome_sanction on finding_outcome (staff_id) where category = 'sanction'`.execute(
    db,
  );

  for (const table of APPEND_ONLY_TABLES) {
    await sql`
      create trigger append_only before update or delete on ${sql.table(table)}
      for each row execute function qinglian_finding_append_only()`.execute(db);
    await sql`
      create trigger append_only_truncate before truncate on ${sql.table(table)}
      for each statement execute function qinglian_finding_append_only()`.execute(db);
  }

  // A suspension created by an improper_gain finding (停职查办) names it.
  await sql`alter table suspension add column finding_id uuid references finding (id)`.execute(db);
  await sql`create index suspension_finding on suspension (finding_id) where finding_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table suspension drop column if exists finding_id`.execute(db);
  for (const table of [
    'finding_outcome',
    'finding_subject',
    'finding_respondent',
    'finding_version',
    'finding',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists qinglian_finding_no_delete()`.execute(db);
  await sql`drop function if exists qinglian_finding_append_only()`.execute(db);
}

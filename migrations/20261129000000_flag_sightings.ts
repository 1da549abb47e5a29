import { sql, type Kysely } from 'kysely';

// Frozen once landed. Typed Kysely<any> and importing no app code; PostgreSQL 15 features only.
// A screening used to write one `flag_observation` row per flag it found and stamp every found flag's
// `last_seen_in`: a screening after one changed tie rewrote the whole queue. What it found is now kept as
// sightings: a flag found with the same evidence by an unbroken run of screenings is one row, `first_seq` to
// `last_seq` in screening order, `last_seq` null while the latest screening still finds it. A screening
// writes only what changed. `flag.last_seen_in` is null exactly while the flag's last sighting is open
// (readers show the latest screening then), and names the screening that last found it otherwise.

export async function up(db: Kysely<any>): Promise<void> {
  // Screenings in the order they committed: each is audited in its own transaction, and the audit trail's
  // ids follow commit order (the chain lock is held to commit).
  await sql`alter table screening add column seq bigint`.execute(db);
  await sql`
    update screening s set seq = o.n
    from (
      select s.id, row_number() over (order by a.first_audit nulls last, s.started_at, s.id) as n
      from screening s
      left join (
        select object_keys ->> 'screeningId' as screening_id, min(id) as first_audit
        from audit_log where action = 'screening.run' group by 1
      ) a on a.screening_id = s.id::text
    ) o
    where s.id = o.id`.execute(db);
  await sql`create sequence screening_seq_seq owned by screening.seq`.execute(db);
  await sql`select setval('screening_seq_seq', coalesce((select max(seq) from screening), 0) + 1, false)`.execute(
    db,
  );
  await sql`
    alter table screening
      alter column seq set default nextval('screening_seq_seq'),
      alter column seq set not null`.execute(db);
  await sql`create unique index screening_seq on screening (seq)`.execute(db);

  await sql`
    create table flag_sighting (
      flag_id uuid not null references flag (id),
      first_seq bigint not null,
      last_seq bigint check (last_seq >= first_seq),
      evidence jsonb not null,
      primary key (flag_id, first_seq)
    )`.execute(db);

  // Observations become sightings: a run breaks where a screening did not find the flag or found other
  // evidence.
  await sql`
    insert into flag_sighting (flag_id, first_seq, last_seq, evidence)
    with ordered as (
      select seq, lag(seq) over (order by seq) as previous_seq from screening
    ),
    observed as (
      select o.flag_id, s.seq, ord.previous_seq, o.evidence,
             lag(s.seq) over w as flag_previous_seq,
             lag(o.evidence) over w as flag_previous_evidence
      from flag_observation o
      join screening s on s.id = o.screening_id
      join ordered ord on ord.seq = s.seq
      window w as (partition by o.flag_id order by s.seq)
    ),
    runs as (
      select flag_id, seq, evidence,
             sum(case when flag_previous_seq = previous_seq and flag_previous_evidence = evidence
                      then 0 else 1 end) over (partition by flag_id order by seq) as run
      from observed
    )
    select flag_id, min(seq),
           case when max(seq) = (select max(seq) from screening) then null else max(seq) end,
           (array_agg(evidence order by seq))[1]
    from runs
    group by flag_id, run`.execute(db);

  await sql`alter table flag alter column last_seen_in drop not null`.execute(db);
  await sql`
    update flag f set last_seen_in = null
    where exists (select 1 from flag_sighting s where s.flag_id = f.id and s.last_seq is null)`.execute(db);
  await sql`drop table flag_observation`.execute(db);

  // A screening that changes no flag still changes what the queue shows as last seen.
  await sql`
    create trigger flag_queue_screened after insert on screening
    for each statement execute function qinglian_flag_queue_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists flag_queue_screened on screening`.execute(db);
  await sql`
    create table flag_observation (
      screening_id uuid not null references screening (id),
      flag_id uuid not null references flag (id),
      evidence jsonb not null,
      primary key (screening_id, flag_id)
    )`.execute(db);
  await sql`
    insert into flag_observation (screening_id, flag_id, evidence)
    select s.id, f.flag_id, f.evidence
    from flag_sighting f
    join screening s on s.seq >= f.first_seq and (f.last_seq is null or s.seq <= f.last_seq)`.execute(db);
  await sql`
    update flag set last_seen_in = (select id from screening order by seq desc limit 1)
    where last_seen_in is null`.execute(db);
  await sql`alter table flag alter column last_seen_in set not null`.execute(db);
  await sql`drop table flag_sighting`.execute(db);
  await sql`alter table screening drop column seq`.execute(db);
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import { inWriteTransaction } from '../audit/audit-log.ts';
import { todayIn, type Clock } from '../clock.ts';
import type { Database, FlagStatus } from '../db/schema.ts';
import { screenIncrementally } from '../graph/rules/incremental.ts';
import { countByRule } from '../graph/rules/index.ts';
import type { FlagCandidate } from '../graph/rules/types.ts';
import { readStamp, worldCacheFor } from '../graph/world-store.ts';
import type { Day } from '../lib/days.ts';
import type { ScreeningView } from './schemas.ts';

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A flag's evidence as stored, rendered once per finding (an unchanged finding is the same object). */
const evidenceText = new WeakMap<FlagCandidate, string>();
function evidenceOf(f: FlagCandidate): string {
  let text = evidenceText.get(f);
  if (text === undefined) evidenceText.set(f, (text = JSON.stringify(f.evidence)));
  return text;
}

/** The evidence of the queue's open sightings after the last screening this process wrote, per database. */
const written = new WeakMap<Kysely<Database>, { screeningId: string; evidence: Map<string, string> }>();

interface LifecycleResult {
  raised: number;
  resolved: number;
  reopened: number;
}

interface ScreeningRef {
  id: string;
  seq: number;
  /** When it ran, by the injected clock: the time of the status changes it records. */
  at: Date;
}

/** Begins a run at `screening` for each flag, with the evidence just written on it (copied in the database). */
async function openSightings(tx: Transaction<Database>, screening: ScreeningRef, flagIds: string[]) {
  await sql`
    insert into flag_sighting (flag_id, first_seq, evidence)
    select id, ${screening.seq}, evidence from flag where id = any(${flagIds}::uuid[])`.execute(tx);
}

/**
 * Updates the standing queue with what one screening found (RULES.md "Flag identity and lifecycle"): a flag
 * found again is the same flag (its decision kept); a new one is raised `open`; an open or confirmed flag not
 * found is `resolved` naming this screening; a resolved one found again is `open`; a dismissed one stays
 * dismissed. Every status change is kept in `flag_event`; what each screening found, in `flag_sighting` runs
 * (migration 20261129000000), so a flag found again with the same evidence costs no write at all.
 */
async function applyFindings(
  tx: Transaction<Database>,
  screening: ScreeningRef,
  actor: Actor,
  found: readonly FlagCandidate[],
  last: { screeningId: string; evidence: Map<string, string> } | undefined,
): Promise<LifecycleResult> {
  const previous = await tx
    .selectFrom('screening')
    .select(['id', 'seq'])
    .where('seq', '<', screening.seq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  // The open sightings' evidence is what this process found last time, if its screening is the latest.
  const known = last !== undefined && previous?.id === last.screeningId ? last.evidence : undefined;
  const standing = await tx.selectFrom('flag').select(['id', 'flagKey', 'status', 'lastSeenIn']).execute();
  const byKey = new Map(standing.map((f) => [f.flagKey, f]));
  const events: Array<{ flagId: string; fromStatus: FlagStatus | null; toStatus: FlagStatus }> = [];
  const fresh: FlagCandidate[] = [];
  // Not found by the previous screening (resolved, or dismissed and gone meanwhile): found again.
  const returning: Array<{ id: string; evidence: string; citation: string; reopen: boolean }> = [];
  // Found by the previous screening with other evidence (or evidence this process does not know).
  const changed: Array<{ id: string; evidence: string; citation: string }> = [];

  for (const f of found) {
    const existing = byKey.get(f.flagKey);
    if (!existing) {
      fresh.push(f);
      continue;
    }
    const evidence = evidenceOf(f);
    if (existing.lastSeenIn !== null) {
      const reopen = existing.status === 'resolved';
      if (reopen) events.push({ flagId: existing.id, fromStatus: 'resolved', toStatus: 'open' });
      returning.push({ id: existing.id, evidence, citation: JSON.stringify(f.citation), reopen });
    } else if (known?.get(f.flagKey) !== evidence) {
      changed.push({ id: existing.id, evidence, citation: JSON.stringify(f.citation) });
    }
  }

  for (const batch of chunks(fresh)) {
    const rows = await tx
      .insertInto('flag')
      .values(
        batch.map((f) => ({
          rule: f.rule,
          flagKey: f.flagKey,
          severity: f.severity,
          status: 'open' as const,
          staffNo: f.staffNo,
          org: f.org,
          action: f.action,
          post: f.post,
          year: f.year,
          citation: JSON.stringify(f.citation),
          evidence: evidenceOf(f),
          firstSeenIn: screening.id,
          lastSeenIn: null,
        })),
      )
      .returning('id')
      .execute();
    for (const r of rows) events.push({ flagId: r.id, fromStatus: null, toStatus: 'open' });
    await openSightings(
      tx,
      screening,
      rows.map((r) => r.id),
    );
  }

  for (const batch of chunks(returning)) {
    const values = sql.join(
      batch.map(
        (s) => sql`(${s.id}::uuid, ${s.evidence}::jsonb, ${s.citation}::jsonb, ${s.reopen}::boolean)`,
      ),
    );
    await sql`
      update flag as f set
        evidence = v.evidence,
        citation = v.citation,
        last_seen_in = null,
        status = case when v.reopen then 'open' else f.status end,
        resolved_in = case when v.reopen then null else f.resolved_in end,
        updated_at = now()
      from (values ${values}) as v (id, evidence, citation, reopen)
      where f.id = v.id`.execute(tx);
    await openSightings(
      tx,
      screening,
      batch.map((s) => s.id),
    );
  }

  // Evidence compared in the database (as jsonb): a run that changed is closed and a new one begun.
  for (const batch of chunks(changed)) {
    const values = sql.join(
      batch.map((s) => sql`(${s.id}::uuid, ${s.evidence}::jsonb, ${s.citation}::jsonb)`),
    );
    await sql`
      with v (id, evidence, citation) as (values ${values}),
      closed as (
        update flag_sighting s set last_seq = ${previous!.seq}
        from v
        where s.flag_id = v.id and s.last_seq is null and s.evidence <> v.evidence
        returning s.flag_id
      ),
      opened as (
        insert into flag_sighting (flag_id, first_seq, evidence)
        select v.id, ${screening.seq}, v.evidence from v join closed c on c.flag_id = v.id
      )
      update flag f set evidence = v.evidence, citation = v.citation, updated_at = now()
      from v join closed c on c.flag_id = v.id
      where f.id = v.id`.execute(tx);
  }

  const foundKeys = new Set(found.map((f) => f.flagKey));
  const missing = standing.filter((f) => !foundKeys.has(f.flagKey));
  // Found by the previous screening and not by this one: the run ends there.
  const ended = missing.filter((f) => f.lastSeenIn === null).map((f) => f.id);
  for (const batch of chunks(ended)) {
    await tx
      .updateTable('flagSighting')
      .set({ lastSeq: previous!.seq })
      .where('flagId', 'in', batch)
      .where('lastSeq', 'is', null)
      .execute();
    await tx
      .updateTable('flag')
      .set({ lastSeenIn: previous!.id, updatedAt: sql<Date>`now()` })
      .where('id', 'in', batch)
      .execute();
  }
  const gone = missing.filter((f) => f.status === 'open' || f.status === 'confirmed');
  for (const batch of chunks(gone)) {
    await tx
      .updateTable('flag')
      .set({ status: 'resolved', resolvedIn: screening.id, updatedAt: sql<Date>`now()` })
      .where(
        'id',
        'in',
        batch.map((f) => f.id),
      )
      .execute();
  }
  for (const f of gone) events.push({ flagId: f.id, fromStatus: f.status, toStatus: 'resolved' });

  for (const batch of chunks(events)) {
    await tx
      .insertInto('flagEvent')
      .values(
        batch.map((e) => ({
          flagId: e.flagId,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          screeningId: screening.id,
          actor: actor.sub,
          at: screening.at,
          reason:
            e.toStatus === 'resolved'
              ? 'the condition is no longer found'
              : e.fromStatus === 'resolved'
                ? 'the condition is found again'
                : null,
        })),
      )
      .execute();
  }
  return {
    raised: fresh.length,
    resolved: gone.length,
    reopened: returning.filter((s) => s.reopen).length,
  };
}

/**
 * Evaluates every rule as of `asOf` (default: today in Asia/Shanghai) and updates the standing queue. The
 * rules run on the cached world outside the writer lock; under the lock the world's change counter is
 * checked again and, if anything was written meanwhile, the world is refreshed and the rules run again, so
 * the queue always reflects the world at the moment it is written. Screenings are serialised by the lock.
 */
export async function runScreening(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: { asOf?: Day | undefined } = {},
): Promise<ScreeningView> {
  const started = performance.now();
  const asOf = input.asOf ?? todayIn(clock);
  const cache = worldCacheFor(db);
  let snapshot = await cache.fresh(db);
  let found = screenIncrementally(snapshot.world, asOf, snapshot.policy);

  return inWriteTransaction(db, clock, actor, async ({ tx, audit }) => {
    const stamp = await readStamp(tx);
    if (stamp.seq !== snapshot.stamp.seq || stamp.policyVersion !== snapshot.stamp.policyVersion) {
      snapshot = await cache.freshWithin(tx);
      found = screenIncrementally(snapshot.world, asOf, snapshot.policy);
    }
    const counts = countByRule(found);
    const policyVersion = snapshot.policy.version;
    const { id, seq } = await tx
      .insertInto('screening')
      .values({
        asOf,
        policyVersion: policyVersion === 0 ? null : policyVersion,
        triggeredBy: actor.sub,
        counts: JSON.stringify(counts),
        startedAt: clock.now(),
      })
      .returning(['id', 'seq'])
      .executeTakeFirstOrThrow();
    const lifecycle = await applyFindings(tx, { id, seq, at: clock.now() }, actor, found, written.get(db));
    // Safe even if the transaction rolls back: only a committed screening can be the latest.
    written.set(db, { screeningId: id, evidence: new Map(found.map((f) => [f.flagKey, evidenceOf(f)])) });
    const durationMs = Math.round(performance.now() - started);
    await tx
      .updateTable('screening')
      .set({ ...lifecycle, durationMs, finishedAt: clock.now() })
      .where('id', '=', id)
      .execute();
    await audit({
      action: 'screening.run',
      objectKeys: { screeningId: id, asOf },
      change: { counts, ...lifecycle, policyVersion },
    });
    return { id, asOf, policyVersion, counts, ...lifecycle, durationMs };
  });
}

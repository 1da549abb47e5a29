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

/** The evidence this process last wrote, and the screening that wrote it, per database. */
const written = new WeakMap<Kysely<Database>, { screeningId: string; evidence: Map<string, string> }>();

interface LifecycleResult {
  raised: number;
  resolved: number;
  reopened: number;
}

/**
 * Updates the standing queue with what one screening found (RULES.md "Flag identity and lifecycle"): a flag
 * found again is the same flag (its decision kept); a new one is raised `open`; an open or confirmed flag not
 * found is `resolved` naming this screening; a resolved one found again is `open`; a dismissed one stays
 * dismissed. Every status change is kept in `flag_event`, every finding in `flag_observation`.
 */
async function applyFindings(
  tx: Transaction<Database>,
  screeningId: string,
  actor: Actor,
  found: readonly FlagCandidate[],
  last: { screeningId: string; evidence: Map<string, string> } | undefined,
): Promise<LifecycleResult> {
  const standing = await tx.selectFrom('flag').select(['id', 'flagKey', 'status', 'lastSeenIn']).execute();
  const byKey = new Map(standing.map((f) => [f.flagKey, f]));
  const events: Array<{ flagId: string; fromStatus: FlagStatus | null; toStatus: FlagStatus }> = [];
  const observed: Array<{ flagId: string; evidence: string }> = [];
  const fresh: FlagCandidate[] = [];
  const seen: Array<{ id: string; evidence: string; citation: string; reopen: boolean }> = [];
  // Found again with the evidence this process wrote when it last saw them: only the screening changes.
  const unchanged: string[] = [];

  for (const f of found) {
    const existing = byKey.get(f.flagKey);
    if (!existing) {
      fresh.push(f);
      continue;
    }
    const reopen = existing.status === 'resolved';
    if (reopen) events.push({ flagId: existing.id, fromStatus: 'resolved', toStatus: 'open' });
    const evidence = evidenceOf(f);
    if (
      !reopen &&
      last !== undefined &&
      existing.lastSeenIn === last.screeningId &&
      last.evidence.get(f.flagKey) === evidence
    ) {
      unchanged.push(existing.id);
      continue;
    }
    seen.push({ id: existing.id, evidence, citation: JSON.stringify(f.citation), reopen });
    observed.push({ flagId: existing.id, evidence });
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
          firstSeenIn: screeningId,
          lastSeenIn: screeningId,
        })),
      )
      .returning(['id', 'flagKey'])
      .execute();
    const byKey = new Map(batch.map((f) => [f.flagKey, evidenceOf(f)]));
    for (const r of rows) {
      events.push({ flagId: r.id, fromStatus: null, toStatus: 'open' });
      observed.push({ flagId: r.id, evidence: byKey.get(r.flagKey)! });
    }
  }

  for (const batch of chunks(seen)) {
    const values = sql.join(
      batch.map(
        (s) => sql`(${s.id}::uuid, ${s.evidence}::jsonb, ${s.citation}::jsonb, ${s.reopen}::boolean)`,
      ),
    );
    await sql`
      update flag as f set
        evidence = v.evidence,
        citation = v.citation,
        last_seen_in = ${screeningId}::uuid,
        status = case when v.reopen then 'open' else f.status end,
        resolved_in = case when v.reopen then null else f.resolved_in end,
        updated_at = now()
      from (values ${values}) as v (id, evidence, citation, reopen)
      where f.id = v.id`.execute(tx);
  }

  if (unchanged.length > 0) {
    // Their stored evidence is already this screening's: stamp them and copy it in the database.
    await sql`
      update flag set last_seen_in = ${screeningId}::uuid, updated_at = now()
      where id = any(${unchanged}::uuid[])`.execute(tx);
    await sql`
      insert into flag_observation (screening_id, flag_id, evidence)
      select ${screeningId}::uuid, id, evidence from flag where id = any(${unchanged}::uuid[])`.execute(tx);
  }

  const foundKeys = new Set(found.map((f) => f.flagKey));
  const gone = standing.filter(
    (f) => (f.status === 'open' || f.status === 'confirmed') && !foundKeys.has(f.flagKey),
  );
  for (const batch of chunks(gone)) {
    await tx
      .updateTable('flag')
      .set({ status: 'resolved', resolvedIn: screeningId, updatedAt: sql<Date>`now()` })
      .where(
        'id',
        'in',
        batch.map((f) => f.id),
      )
      .execute();
  }
  for (const f of gone) events.push({ flagId: f.id, fromStatus: f.status, toStatus: 'resolved' });

  for (const batch of chunks(observed)) {
    await tx
      .insertInto('flagObservation')
      .values(batch.map((o) => ({ screeningId, flagId: o.flagId, evidence: o.evidence })))
      .execute();
  }
  for (const batch of chunks(events)) {
    await tx
      .insertInto('flagEvent')
      .values(
        batch.map((e) => ({
          flagId: e.flagId,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          screeningId,
          actor: actor.sub,
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
    reopened: seen.filter((s) => s.reopen).length,
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
    const { id } = await tx
      .insertInto('screening')
      .values({
        asOf,
        policyVersion: policyVersion === 0 ? null : policyVersion,
        triggeredBy: actor.sub,
        counts: JSON.stringify(counts),
        startedAt: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lifecycle = await applyFindings(tx, id, actor, found, written.get(db));
    // Safe even if the transaction rolls back: no flag will name this screening as last seen.
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

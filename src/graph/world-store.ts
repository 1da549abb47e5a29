import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, DeclarationItem } from '../db/schema.ts';
import { snakeCase } from '../db/snake-case.ts';
import { getCurrentPolicy } from '../policy/policy-store.ts';
import type { Policy } from '../policy/values.ts';
import { DEFAULT_POLICY_VERSION } from '../policy/values.ts';
import { keyOf, World, type TieKind } from './world.ts';

// The world read from the database, kept per process and refreshed incrementally. Every versioned row carries
// `seq` from one sequence, assigned under the writer lock, so `seq > last` per table fetches exactly what
// changed since the last refresh. A cheap `max(seq)` check before each use means several processes on one
// database never serve a world older than the last write they could know about.

const TABLES = [
  'person',
  'organization',
  'staff',
  'post',
  'kinship',
  'affiliation',
  'ownership',
  'assignment',
  'qualification',
  'suspension',
  'enforcementAction',
  'engagement',
  'designation',
  'campaign',
  'declaration',
] as const;
type Table = (typeof TABLES)[number];

// The columns the world is built from (never timestamps or audit columns: parsing them is most of a load).
const COLUMNS: Record<Table, readonly string[]> = {
  person: ['ref', 'name'],
  organization: ['creditCode', 'name', 'kind', 'region'],
  staff: [
    'staffNo',
    'personId',
    'category',
    'unit',
    'jurisdiction',
    'hiredOn',
    'departedOn',
    'departureKind',
  ],
  post: ['code', 'name', 'unit', 'kind', 'rotationYears'],
  kinship: ['personId', 'relativeId', 'relation'],
  affiliation: ['personId', 'orgId', 'role', 'share', 'paid', 'validFrom', 'validTo', 'source'],
  ownership: ['ownerOrgId', 'orgId', 'share', 'validFrom', 'validTo'],
  assignment: ['staffId', 'postId', 'validFrom', 'validTo'],
  qualification: ['staffId', 'kind', 'certNo', 'passedOn', 'expiresOn'],
  suspension: ['staffId', 'validFrom', 'validTo', 'reason'],
  enforcementAction: ['ref', 'kind', 'orgId', 'onDate'],
  engagement: ['clientOrgId', 'contractorOrgId', 'onDate'],
  designation: ['staffId', 'orgId', 'onDate', 'source', 'note'],
  campaign: ['year', 'dueOn'],
  declaration: ['staffId', 'year', 'submittedOn', 'items'],
};

const PAGE = 20_000;

// Each table's page query, columns named as the world reads them. Run without the camel-case plugin: it
// copies every row into a new object, which a load of millions of rows pays for in time and garbage.
const SELECT: Record<Table, RawBuilder<unknown>> = Object.fromEntries(
  TABLES.map((t) => [
    t,
    sql.join(['id', 'seq', ...COLUMNS[t]].map((c) => sql`${sql.ref(snakeCase(c))} as ${sql.id(c)}`)),
  ]),
) as Record<Table, RawBuilder<unknown>>;

export interface WorldStamp {
  /** The highest `seq` of any world record. */
  seq: number;
  /** The highest `seq` per table (0: empty). */
  tables: Record<Table, number>;
  /** The current policy version (0: the defaults). */
  policyVersion: number;
}

export interface WorldSnapshot {
  world: World;
  policy: Policy;
  stamp: WorldStamp;
}

/** The change counters of the world and the policy version, in one cheap query (an index probe per table). */
export async function readStamp(db: Kysely<Database>): Promise<WorldStamp> {
  const maxima = TABLES.map((t) => sql`(select max(seq) from ${sql.table(snakeCase(t))})`);
  const row = await sql<{ maxima: Array<number | string | null>; policyVersion: number | null }>`
    select array[${sql.join(maxima)}]::bigint[] as maxima,
           (select max(version) from policy) as policy_version`
    .execute(db)
    .then((r) => r.rows[0]!);
  const tables = {} as Record<Table, number>;
  let seq = 0;
  TABLES.forEach((t, i) => {
    const max = Number(row.maxima[i] ?? 0);
    tables[t] = max;
    if (max > seq) seq = max;
  });
  return { seq, tables, policyVersion: row.policyVersion ?? 0 };
}

class OutOfStep extends Error {}

const num = (v: string | number | null) => (v === null ? null : Number(v));

type Officer = { staffId: number; position: number };

/**
 * One page of a table's rows with `after < seq <= upTo`, in `seq` order. Only the tables that changed are
 * read; a bounded range keeps the planner on the `seq` index even before a bulk-loaded table has statistics
 * (an open-ended `seq >` is estimated at a third of the table).
 */
async function page(raw: Kysely<Database>, table: Table, after: number, upTo: number): Promise<any[]> {
  // The page as one JSON array: the server renders it (while this process applies the page before) and
  // JSON.parse reads it several times faster than the driver parses rows field by field.
  const { rows } = await sql<{ page: any[] | string | null }>`
    select json_agg(p order by p.seq) as page from (
      select ${SELECT[table]} from ${sql.table(snakeCase(table))}
      where seq > ${after} and seq <= ${upTo} order by seq limit ${PAGE}) p`.execute(raw);
  const got = rows[0]?.page ?? [];
  return typeof got === 'string' ? JSON.parse(got) : got;
}

/** The officers of the given actions, in position order, by action id. */
async function officersOf(raw: Kysely<Database>, actions: any[]): Promise<Map<number, Officer[]>> {
  const officers = new Map<number, Officer[]>();
  for (let i = 0; i < actions.length; i += PAGE) {
    const ids = actions.slice(i, i + PAGE).map((r) => Number(r.id));
    const { rows } = await sql<{ actionId: number | string; staffId: number | string; position: number }>`
      select action_id as "actionId", staff_id as "staffId", position from action_officer
      where action_id = any(${ids}::bigint[]) order by action_id, position`.execute(raw);
    for (const o of rows) {
      const id = Number(o.actionId);
      let list = officers.get(id);
      if (!list) officers.set(id, (list = []));
      list.push({ staffId: Number(o.staffId), position: o.position });
    }
  }
  return officers;
}

/** Rows changed since the last refresh, fetched in one consistent read before anything is applied. */
interface Batch {
  rows: Map<Table, any[]>;
  officers: Map<number, Officer[]>;
  policy: Policy;
}

/**
 * A world kept in step with one database. `fresh(db)` returns it current as of the last committed write;
 * `freshWithin(tx)` does the same inside a transaction that holds the writer lock.
 */
export class WorldCache {
  #world = new World();
  #policy: Policy = DEFAULT_POLICY_VERSION;
  #last = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<Table, number>;
  // database id → natural key, to resolve foreign keys and to notice a record whose natural key changed
  #ids = new Map<Table, Map<number, string>>(TABLES.map((t) => [t, new Map()]));
  #inflight: Promise<void> | null = null;

  get seq(): number {
    let max = 0;
    for (const t of TABLES) if (this.#last[t] > max) max = this.#last[t];
    return max;
  }

  snapshot(): WorldSnapshot {
    return {
      world: this.#world,
      policy: this.#policy,
      stamp: { seq: this.seq, tables: { ...this.#last }, policyVersion: this.#policy.version },
    };
  }

  #upToDate(stamp: WorldStamp) {
    return this.seq >= stamp.seq && this.#policy.version >= stamp.policyVersion;
  }

  /** The world as of the latest committed write (one refresh at a time per process). */
  async fresh(db: Kysely<Database>): Promise<WorldSnapshot> {
    const stamp = await readStamp(db);
    for (let round = 0; !this.#upToDate(stamp) && round < 3; round += 1) {
      this.#inflight ??= db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        // Counters read again inside the snapshot: the rows fetched are exactly those up to them.
        .execute(async (tx) => this.#refresh(tx, await readStamp(tx)))
        .finally(() => {
          this.#inflight = null;
        });
      await this.#inflight;
    }
    return this.snapshot();
  }

  /** The world inside a transaction holding the writer lock (nothing can commit meanwhile). */
  async freshWithin(tx: Kysely<Database>): Promise<WorldSnapshot> {
    const stamp = await readStamp(tx);
    if (!this.#upToDate(stamp)) await this.#refresh(tx, stamp);
    return this.snapshot();
  }

  /** Applies the rows up to `stamp`, read in the same snapshot as it. */
  async #refresh(db: Kysely<Database>, stamp: WorldStamp): Promise<void> {
    if (this.seq === 0) return this.#load(db, stamp);
    const batch = await this.#fetch(db, this.#last, stamp);
    try {
      this.#apply(batch);
    } catch (error) {
      if (!(error instanceof OutOfStep)) throw error;
      // A record's identity changed under us (a renamed key): rebuild from scratch in the same read.
      await this.#load(db, stamp);
    }
  }

  /**
   * Loads the whole world up to `stamp` into a new cache and takes it over at the end (until then requests
   * see the world as it was). Each page is applied as it arrives, while the database already runs the query
   * for the next one: rows never pile up, so they die young instead of being carried through the heap.
   */
  async #load(db: Kysely<Database>, stamp: WorldStamp): Promise<void> {
    const next = new WorldCache();
    const raw = db.withoutPlugins();
    const noOfficers = new Map<number, Officer[]>();
    for (const table of TABLES) {
      const upTo = stamp.tables[table];
      let pending = upTo > 0 ? page(raw, table, 0, upTo) : null;
      while (pending) {
        const rows = await pending;
        const officers = table === 'enforcementAction' ? await officersOf(raw, rows) : noOfficers;
        pending = rows.length === PAGE ? page(raw, table, Number(rows.at(-1)!.seq), upTo) : null;
        try {
          next.#apply({ rows: new Map([[table, rows]]), officers, policy: next.#policy });
        } catch (error) {
          await pending?.catch(() => undefined); // not left unobserved
          throw error;
        }
      }
    }
    const policy = stamp.policyVersion === this.#policy.version ? this.#policy : await getCurrentPolicy(db);
    this.#world = next.#world;
    this.#ids = next.#ids;
    this.#last = next.#last;
    this.#policy = policy;
  }

  async #fetch(db: Kysely<Database>, since: Record<Table, number>, stamp: WorldStamp): Promise<Batch> {
    const upTo = stamp.tables;
    const raw = db.withoutPlugins();
    const rows = new Map<Table, any[]>();
    for (const table of TABLES) {
      const all: any[] = [];
      let after = since[table];
      while (after < upTo[table]) {
        const got = await page(raw, table, after, upTo[table]);
        for (const r of got) all.push(r);
        if (got.length < PAGE) break;
        after = Number(got.at(-1)!.seq);
      }
      rows.set(table, all);
    }
    const officers = await officersOf(raw, rows.get('enforcementAction') ?? []);
    const policy = stamp.policyVersion === this.#policy.version ? this.#policy : await getCurrentPolicy(db);
    return { rows, officers, policy };
  }

  #key(table: Table, id: number): string {
    const key = this.#ids.get(table)!.get(Number(id));
    if (key === undefined) throw new OutOfStep(`${table} ${id} is not loaded`);
    return key;
  }

  /** Applies a batch synchronously (no request sees half of it); rows already applied are skipped. */
  #apply(batch: Batch): void {
    const w = this.#world;
    const fresh = (table: Table) =>
      (batch.rows.get(table) ?? []).filter((r) => Number(r.seq) > this.#last[table]);
    const identity = (table: Table, id: number, key: string) => {
      const ids = this.#ids.get(table)!;
      const previous = ids.get(id);
      if (previous !== undefined && previous !== key) throw new OutOfStep(`${table} ${id} changed its key`);
      ids.set(id, key);
    };
    // A tie whose natural key changed: drop the old record before putting the new one.
    const tie = (table: Table, kind: TieKind, id: number, key: string) => {
      const ids = this.#ids.get(table)!;
      const previous = ids.get(id);
      if (previous !== undefined && previous !== key) w.remove(kind, previous);
      ids.set(id, key);
    };
    const done = (table: Table, rows: any[]) => {
      for (const r of rows) if (Number(r.seq) > this.#last[table]) this.#last[table] = Number(r.seq);
    };

    const people = fresh('person');
    for (const r of people) {
      identity('person', Number(r.id), r.ref);
      w.putPerson({ ref: r.ref, name: r.name });
    }
    const orgs = fresh('organization');
    for (const r of orgs) {
      identity('organization', Number(r.id), r.creditCode);
      w.putOrg({ creditCode: r.creditCode, name: r.name, kind: r.kind, region: r.region });
    }
    const staff = fresh('staff');
    for (const r of staff) {
      identity('staff', Number(r.id), r.staffNo);
      w.putStaff({
        staffNo: r.staffNo,
        person: this.#key('person', r.personId),
        category: r.category,
        unit: r.unit,
        jurisdiction: r.jurisdiction,
        hiredOn: r.hiredOn,
        departedOn: r.departedOn,
        departureKind: r.departureKind,
      });
    }
    const posts = fresh('post');
    for (const r of posts) {
      identity('post', Number(r.id), r.code);
      w.putPost({ code: r.code, name: r.name, unit: r.unit, kind: r.kind, rotationYears: r.rotationYears });
    }
    const kinship = fresh('kinship');
    for (const r of kinship) {
      const rec = {
        person: this.#key('person', r.personId),
        relative: this.#key('person', r.relativeId),
        relation: r.relation,
      };
      tie('kinship', 'kinship', Number(r.id), keyOf.kinship(rec));
      w.putKinship(rec);
    }
    const affiliations = fresh('affiliation');
    for (const r of affiliations) {
      const rec = {
        person: this.#key('person', r.personId),
        org: this.#key('organization', r.orgId),
        role: r.role,
        share: num(r.share),
        paid: Boolean(r.paid),
        from: r.validFrom,
        to: r.validTo,
        source: r.source,
      };
      tie('affiliation', 'affiliation', Number(r.id), keyOf.affiliation(rec));
      w.putAffiliation(rec);
    }
    const ownerships = fresh('ownership');
    for (const r of ownerships) {
      const rec = {
        owner: this.#key('organization', r.ownerOrgId),
        org: this.#key('organization', r.orgId),
        share: num(r.share),
        from: r.validFrom,
        to: r.validTo,
      };
      tie('ownership', 'ownership', Number(r.id), keyOf.ownership(rec));
      w.putOwnership(rec);
    }
    const assignments = fresh('assignment');
    for (const r of assignments) {
      const rec = {
        staffNo: this.#key('staff', r.staffId),
        post: this.#key('post', r.postId),
        from: r.validFrom,
        to: r.validTo,
      };
      tie('assignment', 'assignment', Number(r.id), keyOf.assignment(rec));
      w.putAssignment(rec);
    }
    const qualifications = fresh('qualification');
    for (const r of qualifications) {
      const rec = {
        staffNo: this.#key('staff', r.staffId),
        kind: r.kind,
        certNo: r.certNo,
        passedOn: r.passedOn,
        expiresOn: r.expiresOn,
      };
      tie('qualification', 'qualification', Number(r.id), keyOf.qualification(rec));
      w.putQualification(rec);
    }
    const suspensions = fresh('suspension');
    for (const r of suspensions) {
      const rec = {
        staffNo: this.#key('staff', r.staffId),
        from: r.validFrom,
        to: r.validTo,
        reason: r.reason,
      };
      tie('suspension', 'suspension', Number(r.id), keyOf.suspension(rec));
      w.putSuspension(rec);
    }
    const actions = fresh('enforcementAction');
    for (const r of actions) {
      const id = Number(r.id);
      const previous = this.#ids.get('enforcementAction')!.get(id);
      if (previous !== undefined && previous !== r.ref) w.removeAction(previous);
      this.#ids.get('enforcementAction')!.set(id, r.ref);
      w.putAction({
        ref: r.ref,
        kind: r.kind,
        org: this.#key('organization', r.orgId),
        on: r.onDate,
        officers: (batch.officers.get(id) ?? []).map((o) => this.#key('staff', o.staffId)),
      });
    }
    const engagements = fresh('engagement');
    for (const r of engagements) {
      const rec = {
        client: this.#key('organization', r.clientOrgId),
        contractor: this.#key('organization', r.contractorOrgId),
        on: r.onDate,
      };
      tie('engagement', 'engagement', Number(r.id), keyOf.engagement(rec));
      w.putEngagement(rec);
    }
    const designations = fresh('designation');
    for (const r of designations) {
      const rec = {
        staffNo: this.#key('staff', r.staffId),
        org: this.#key('organization', r.orgId),
        on: r.onDate,
        source: r.source,
        note: r.note,
      };
      tie('designation', 'designation', Number(r.id), keyOf.designation(rec));
      w.putDesignation(rec);
    }
    const campaigns = fresh('campaign');
    for (const r of campaigns) {
      tie('campaign', 'campaign', Number(r.id), String(r.year));
      w.putCampaign({ year: r.year, dueOn: r.dueOn });
    }
    const declarations = fresh('declaration');
    for (const r of declarations) {
      const rec = {
        staffNo: this.#key('staff', r.staffId),
        year: r.year,
        submittedOn: r.submittedOn,
        items: (typeof r.items === 'string' ? JSON.parse(r.items) : r.items) as DeclarationItem[],
      };
      tie('declaration', 'declaration', Number(r.id), keyOf.declaration(rec));
      w.putDeclaration(rec);
    }

    const applied: Array<[Table, any[]]> = [
      ['person', people],
      ['organization', orgs],
      ['staff', staff],
      ['post', posts],
      ['kinship', kinship],
      ['affiliation', affiliations],
      ['ownership', ownerships],
      ['assignment', assignments],
      ['qualification', qualifications],
      ['suspension', suspensions],
      ['enforcementAction', actions],
      ['engagement', engagements],
      ['designation', designations],
      ['campaign', campaigns],
      ['declaration', declarations],
    ];
    for (const [table, rows] of applied) done(table, rows);
    if (batch.policy.version >= this.#policy.version) this.#policy = batch.policy;
  }
}

const caches = new WeakMap<Kysely<Database>, WorldCache>();

/** The process's world cache for one database handle. */
export function worldCacheFor(db: Kysely<Database>): WorldCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new WorldCache()));
  return cache;
}

/** A world loaded whole from the database (no cache). */
export async function loadWorld(db: Kysely<Database>): Promise<World> {
  return (await new WorldCache().fresh(db)).world;
}

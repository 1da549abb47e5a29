import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, DeclarationItem } from '../db/schema.ts';
import { snakeCase } from '../db/snake-case.ts';
import { nextTurn } from '../lib/event-loop.ts';
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

/** Rows per page read (a constructor option so tests can make pages end inside and at the end of tables). */
const PAGE = 20_000;
/** Rows of a page applied between two turns of the event loop during a load (also an option, for tests). */
const APPLY_SLICE = 2_000;

// Each table's page query: every row as a JSON array `[id, seq, ...COLUMNS]`, read by position. Arrays
// instead of objects: half the text, no property names to intern, and none of the camel-case plugin's copies.
// Declarations' items (jsonb) go in through a json cast: the server renders a page of them in ~230 ms so,
// ~340 ms as jsonb (200,000-staff world).
const column = (t: Table, c: string) =>
  t === 'declaration' && c === 'items' ? sql`${sql.ref(snakeCase(c))}::json` : sql.ref(snakeCase(c));
const SELECT: Record<Table, RawBuilder<unknown>> = Object.fromEntries(
  TABLES.map((t) => [t, sql.join(['id', 'seq', ...COLUMNS[t]].map((c) => column(t, c)))]),
) as Record<Table, RawBuilder<unknown>>;
// An action's officers (staff ids in position order) come last in its row: read with the page, not after it.
SELECT.enforcementAction = sql.join([
  SELECT.enforcementAction,
  sql`(select coalesce(json_agg(o.staff_id order by o.position), '[]') from action_officer o where o.action_id = p.id)`,
]);

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

/** A page row: `[id, seq, ...COLUMNS[table]]`. */
type Row = any[];
const idOf = (r: Row) => Number(r[0]);
const seqOf = (r: Row) => Number(r[1]);

/**
 * One page of a table's rows with `after < seq <= upTo`, in `seq` order. Only the tables that changed are
 * read; a bounded range keeps the planner on the `seq` index even before a bulk-loaded table has statistics
 * (an open-ended `seq >` is estimated at a third of the table).
 */
async function page(
  raw: Kysely<Database>,
  table: Table,
  after: number,
  upTo: number,
  size: number,
): Promise<Row[]> {
  // The page as one JSON text: the server renders it (while this process applies the page before) and
  // JSON.parse reads it several times faster than the driver parses rows field by field.
  const { rows } = await sql<{ page: Row[] | string | null }>`
    select json_agg(json_build_array(${SELECT[table]}) order by seq)::text as page from (
      select * from ${sql.table(snakeCase(table))}
      where seq > ${after} and seq <= ${upTo} order by seq limit ${size}) p`.execute(raw);
  const got = rows[0]?.page ?? [];
  return typeof got === 'string' ? JSON.parse(got) : got;
}

/** Rows changed since the last refresh, fetched in one consistent read before anything is applied. */
interface Batch {
  rows: Map<Table, Row[]>;
  policy: Policy;
}

/** Database id → natural key for one table (ids are dense: an array, not a hash map, for millions of rows). */
type IdKeys = Array<string | undefined>;

const newIdKeys = () => new Map<Table, IdKeys>(TABLES.map((t) => [t, []]));

/** Database id → the key its node was added to the graph with, for people and organisations (TieEnds). */
interface NodeKeys {
  person: IdKeys;
  organization: IdKeys;
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
  #ids = newIdKeys();
  #nodes: NodeKeys = { person: [], organization: [] };
  #inflight: Promise<void> | null = null;
  readonly #pageSize: number;
  readonly #applySlice: number;

  /** `pageSize` rows per page read; `applySlice` rows applied between two turns of the event loop. */
  constructor(options: { pageSize?: number; applySlice?: number } = {}) {
    this.#pageSize = options.pageSize ?? PAGE;
    this.#applySlice = options.applySlice ?? APPLY_SLICE;
  }

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
    const next = new WorldCache({ pageSize: this.#pageSize, applySlice: this.#applySlice });
    const raw = db.withoutPlugins();
    // The page after `after` in TABLES[index], or else the first of the next table with rows: the next
    // table's first page is asked for while the last page of this one is applied, too.
    const request = (index: number, after: number) => {
      for (let i = index; i < TABLES.length; i += 1, after = 0) {
        const table = TABLES[i]!;
        if (after < stamp.tables[table])
          return { index: i, table, rows: page(raw, table, after, stamp.tables[table], this.#pageSize) };
      }
      return null;
    };
    let pending = request(0, 0);
    while (pending) {
      const { index, table } = pending;
      const rows = await pending.rows;
      const full = rows.length === this.#pageSize;
      pending = full ? request(index, seqOf(rows.at(-1)!)) : request(index + 1, 0);
      try {
        // In slices, with a turn of the event loop between them, so the driver reads the next page while
        // the server sends it: applied in one go, a page larger than the socket's buffers kept the server
        // blocked on sending it until the apply was done.
        for (let from = 0; from < rows.length; from += this.#applySlice) {
          if (from > 0) await nextTurn();
          const slice = rows.slice(from, from + this.#applySlice);
          next.#apply({ rows: new Map([[table, slice]]), policy: next.#policy });
        }
      } catch (error) {
        await pending?.rows.catch(() => undefined); // not left unobserved
        throw error;
      }
    }
    const policy = stamp.policyVersion === this.#policy.version ? this.#policy : await getCurrentPolicy(db);
    this.#world = next.#world;
    this.#ids = next.#ids;
    this.#nodes = next.#nodes;
    this.#last = next.#last;
    this.#policy = policy;
  }

  async #fetch(db: Kysely<Database>, since: Record<Table, number>, stamp: WorldStamp): Promise<Batch> {
    const upTo = stamp.tables;
    const raw = db.withoutPlugins();
    const rows = new Map<Table, Row[]>();
    for (const table of TABLES) {
      const all: Row[] = [];
      let after = since[table];
      while (after < upTo[table]) {
        const got = await page(raw, table, after, upTo[table], this.#pageSize);
        for (const r of got) all.push(r);
        if (got.length < this.#pageSize) break;
        after = seqOf(got.at(-1)!);
      }
      rows.set(table, all);
    }
    const policy = stamp.policyVersion === this.#policy.version ? this.#policy : await getCurrentPolicy(db);
    return { rows, policy };
  }

  #key(ids: IdKeys, table: Table, id: number): string {
    const key = ids[id];
    if (key === undefined) throw new OutOfStep(`${table} ${id} is not loaded`);
    return key;
  }

  /** Applies a batch synchronously (no request sees half of it); rows already applied are skipped. */
  #apply(batch: Batch): void {
    const w = this.#world;
    const ids = (table: Table) => this.#ids.get(table)!;
    const person = ids('person');
    const org = ids('organization');
    const staffIds = ids('staff');
    const post = ids('post');
    const personKey = (id: number) => this.#key(person, 'person', id);
    const orgKey = (id: number) => this.#key(org, 'organization', id);
    const staffKey = (id: number) => this.#key(staffIds, 'staff', id);
    const { person: personNodes, organization: orgNodes } = this.#nodes;
    // The ends of a tie by their graph keys; undefined (the world builds them) for one not loaded.
    const ends = (source: string | undefined, target: string | undefined) =>
      source !== undefined && target !== undefined ? { source, target } : undefined;
    // The highest seq applied per table, taken over only once every table is applied: a batch that fails
    // half-way (OutOfStep) must leave the cache behind, so requests wait for the reload it triggers.
    const last = { ...this.#last };
    // Each table's new rows, in seq order.
    const each = (table: Table, apply: (r: Row) => void) => {
      for (const r of batch.rows.get(table) ?? []) {
        const seq = seqOf(r);
        if (seq <= this.#last[table]) continue;
        apply(r);
        if (seq > last[table]) last[table] = seq;
      }
    };
    const identity = (table: Table, r: Row, key: string) => {
      const known = ids(table);
      const id = idOf(r);
      const previous = known[id];
      if (previous !== undefined && previous !== key) throw new OutOfStep(`${table} ${id} changed its key`);
      known[id] = key;
    };
    // A tie whose natural key changed: drop the old record before putting the new one.
    const tie = (table: Table, kind: TieKind, r: Row, key: string) => {
      const known = ids(table);
      const id = idOf(r);
      const previous = known[id];
      if (previous !== undefined && previous !== key) w.remove(kind, previous);
      known[id] = key;
    };

    each('person', (r) => {
      const [, , ref, name] = r;
      identity('person', r, ref);
      personNodes[idOf(r)] = w.putPerson({ ref, name });
    });
    each('organization', (r) => {
      const [, , creditCode, name, kind, region] = r;
      identity('organization', r, creditCode);
      orgNodes[idOf(r)] = w.putOrg({ creditCode, name, kind, region });
    });
    each('staff', (r) => {
      const [, , staffNo, personId, category, unit, jurisdiction, hiredOn, departedOn, departureKind] = r;
      identity('staff', r, staffNo);
      w.putStaff(
        {
          staffNo,
          person: personKey(personId),
          category,
          unit,
          jurisdiction,
          hiredOn,
          departedOn,
          departureKind,
        },
        personNodes[personId],
      );
    });
    each('post', (r) => {
      const [, , code, name, unit, kind, rotationYears] = r;
      identity('post', r, code);
      w.putPost({ code, name, unit, kind, rotationYears });
    });
    each('kinship', (r) => {
      const [, , personId, relativeId, relation] = r;
      const rec = { person: personKey(personId), relative: personKey(relativeId), relation };
      const key = keyOf.kinship(rec);
      tie('kinship', 'kinship', r, key);
      w.putKinship(rec, key, ends(personNodes[personId], personNodes[relativeId]));
    });
    each('affiliation', (r) => {
      const [, , personId, orgId, role, share, paid, from, to, source] = r;
      const rec = {
        person: personKey(personId),
        org: orgKey(orgId),
        role,
        share: num(share),
        paid: Boolean(paid),
        from,
        to,
        source,
      };
      const key = keyOf.affiliation(rec);
      tie('affiliation', 'affiliation', r, key);
      w.putAffiliation(rec, key, ends(personNodes[personId], orgNodes[orgId]));
    });
    each('ownership', (r) => {
      const [, , ownerOrgId, orgId, share, from, to] = r;
      const rec = { owner: orgKey(ownerOrgId), org: orgKey(orgId), share: num(share), from, to };
      const key = keyOf.ownership(rec);
      tie('ownership', 'ownership', r, key);
      w.putOwnership(rec, key, ends(orgNodes[ownerOrgId], orgNodes[orgId]));
    });
    each('assignment', (r) => {
      const [, , staffId, postId, from, to] = r;
      const rec = { staffNo: staffKey(staffId), post: this.#key(post, 'post', postId), from, to };
      const key = keyOf.assignment(rec);
      tie('assignment', 'assignment', r, key);
      w.putAssignment(rec, key);
    });
    each('qualification', (r) => {
      const [, , staffId, kind, certNo, passedOn, expiresOn] = r;
      const rec = { staffNo: staffKey(staffId), kind, certNo, passedOn, expiresOn };
      const key = keyOf.qualification(rec);
      tie('qualification', 'qualification', r, key);
      w.putQualification(rec, key);
    });
    each('suspension', (r) => {
      const [, , staffId, from, to, reason] = r;
      const rec = { staffNo: staffKey(staffId), from, to, reason };
      const key = keyOf.suspension(rec);
      tie('suspension', 'suspension', r, key);
      w.putSuspension(rec, key);
    });
    const actions = ids('enforcementAction');
    each('enforcementAction', (r) => {
      const [id, , ref, kind, orgId, on, officers] = r;
      const previous = actions[id];
      if (previous !== undefined && previous !== ref) w.removeAction(previous);
      actions[id] = ref;
      w.putAction(
        { ref, kind, org: orgKey(orgId), on, officers: (officers as number[]).map(staffKey) },
        orgNodes[orgId],
      );
    });
    each('engagement', (r) => {
      const [, , clientOrgId, contractorOrgId, on] = r;
      const rec = { client: orgKey(clientOrgId), contractor: orgKey(contractorOrgId), on };
      const key = keyOf.engagement(rec);
      tie('engagement', 'engagement', r, key);
      w.putEngagement(rec, key, ends(orgNodes[clientOrgId], orgNodes[contractorOrgId]));
    });
    each('designation', (r) => {
      const [, , staffId, orgId, on, source, note] = r;
      const rec = { staffNo: staffKey(staffId), org: orgKey(orgId), on, source, note };
      const key = keyOf.designation(rec);
      tie('designation', 'designation', r, key);
      w.putDesignation(rec, key);
    });
    each('campaign', (r) => {
      const [, , year, dueOn] = r;
      tie('campaign', 'campaign', r, String(year));
      w.putCampaign({ year, dueOn });
    });
    each('declaration', (r) => {
      const [, , staffId, year, submittedOn, items] = r;
      const rec = {
        staffNo: staffKey(staffId),
        year,
        submittedOn,
        items: (typeof items === 'string' ? JSON.parse(items) : items) as DeclarationItem[],
      };
      const key = keyOf.declaration(rec);
      tie('declaration', 'declaration', r, key);
      w.putDeclaration(rec, key);
    });
    this.#last = last;
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

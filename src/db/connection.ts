import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  CamelCasePlugin,
  type PostgresPool,
  type PostgresPoolClient,
  Kysely,
  PGliteDialect,
  PGliteDriver,
  PostgresDialect,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import pg from 'pg';
import { preparedName } from './prepared.ts';
import type { Database } from './schema.ts';

const DATE_OID = 1082;
const INT8_OID = 20;

/** A Kysely handle and what owns it. `kind` says which engine answers. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** PGlite only: a tarball of the data directory, to clone a migrated database quickly. */
  dumpDataDir?: () => Promise<Blob>;
}

// Days stay `YYYY-MM-DD` strings: a JS Date would shift them by the process time zone.
const keepDay = (value: string) => value;
const toNumber = (value: string) => Number(value);

/**
 * Kysely's PGlite driver hands the one PGlite connection to every caller at once, so a query issued while
 * another request's transaction is open would run inside that transaction. Hand it out one holder at a time.
 */
class SerialPGliteDriver implements Driver {
  readonly #inner: PGliteDriver;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(inner: PGliteDriver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return this.#inner.acquireConnection();
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  // The inner driver's methods take its own connection class, which is what acquireConnection returned.
  beginTransaction: Driver['beginTransaction'] = (connection) =>
    this.#inner.beginTransaction(connection as never);
  commitTransaction: Driver['commitTransaction'] = (connection) =>
    this.#inner.commitTransaction(connection as never);
  rollbackTransaction: Driver['rollbackTransaction'] = (connection) =>
    this.#inner.rollbackTransaction(connection as never);
  savepoint: Driver['savepoint'] = (c, name, compile) => this.#inner.savepoint(c, name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (c, name, compile) =>
    this.#inner.rollbackToSavepoint(c, name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (c, name, compile) =>
    this.#inner.releaseSavepoint(c, name, compile);
  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

class SerialPGliteDialect extends PGliteDialect {
  readonly #pglite: PGlite;
  constructor(pglite: PGlite) {
    super({ pglite });
    this.#pglite = pglite;
  }
  override createDriver(): Driver {
    return new SerialPGliteDriver(new PGliteDriver({ pglite: this.#pglite }));
  }
}

export function pgliteParsers() {
  return { [DATE_OID]: keepDay, [INT8_OID]: toNumber };
}

/** Opens PGlite: in `dataDir` (created if missing), in memory when undefined, or from a dumped data dir. */
export async function openPGlite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<DatabaseHandle> {
  let dataDir = options.dataDir;
  if (dataDir) {
    dataDir = resolve(dataDir);
    await mkdir(dirname(dataDir), { recursive: true });
  }
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: pgliteParsers(),
  });
  const db = new Kysely<Database>({
    dialect: new SerialPGliteDialect(pglite),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
  return {
    db,
    kind: 'pglite',
    async close() {
      await db.destroy();
    },
    dumpDataDir: () => pglite.dumpDataDir('none'),
  };
}

export interface PostgresOptions {
  connectionString: string;
  max?: number;
  statementTimeoutMs?: number;
}

/** Opens a `pg` pool on a PostgreSQL server. Every client gets an error handler: a dropped backend must not
 *  crash the process, only fail the request that used it. */
export function openPostgres(options: PostgresOptions): DatabaseHandle {
  const timeout = options.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return keepDay;
        if (oid === INT8_OID) return toNumber;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
    options: `-c statement_timeout=${timeout} -c idle_in_transaction_session_timeout=${timeout * 2}`,
  });
  pool.on('error', () => {
    // An idle client lost its backend; the pool discards it.
  });
  pool.on('connect', (client) => {
    client.on('error', () => {
      // The query that was running fails on its own; this only keeps the process alive.
    });
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: discardingBrokenClients(pool) }),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
  return {
    db,
    kind: 'postgres',
    async close() {
      await db.destroy();
    },
  };
}

// Failures of the connection itself (the backend was terminated or the socket dropped), not of the query.
const CONNECTION_LOST = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  'ECONNRESET',
  'EPIPE',
]);

function isConnectionLost(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  return (
    (e.code !== undefined && CONNECTION_LOST.has(e.code)) || /Connection terminated/i.test(e.message ?? '')
  );
}

/** The server does not know a prepared statement the driver had parsed on this connection. */
const UNKNOWN_STATEMENT = '26000';

/**
 * A client whose backend was terminated reports the error before its socket closes; released at once, the
 * pool would hand the dead client to the next request. Destroy such a client on release instead.
 *
 * A statement marked `preparedAs(name)` is sent as a named prepared statement. Should the server have lost
 * one (a pooler in front of it that moves clients between backends, a DISCARD ALL), that statement is sent
 * again unnamed and so is every later one of this pool.
 */
export function discardingBrokenClients(pool: pg.Pool): PostgresPool {
  let named = true;
  // One wrapper per pooled client, made when the client is first checked out: Kysely keys its connection
  // objects by the client it is given, so a new wrapper per checkout would build a connection each query.
  const wrappers = new WeakMap<pg.PoolClient, { wrapper: PostgresPoolClient; checkedOut(): void }>();
  const wrap = (client: pg.PoolClient) => {
    let broken = false;
    const send = (text: string, params: unknown[] | undefined) => {
      const name = named ? preparedName(text) : undefined;
      if (!name) return client.query(text, params);
      return client.query({ name, text, values: params }).catch((error: unknown) => {
        if ((error as { code?: unknown } | null)?.code !== UNKNOWN_STATEMENT) throw error;
        named = false;
        return client.query(text, params);
      });
    };
    const query = (text: unknown, params?: unknown[]) => {
      if (typeof text !== 'string') return client.query(text as never);
      return send(text, params).catch((error: unknown) => {
        if (isConnectionLost(error)) broken = true;
        throw error;
      });
    };
    return {
      wrapper: {
        get processID() {
          return (client as unknown as { processID?: number }).processID;
        },
        query: query as unknown as PostgresPoolClient['query'],
        // The pool gives the client a new `release` at each checkout: looked up when called.
        release: (destroy?: boolean) => client.release(destroy || broken),
      },
      checkedOut: () => {
        broken = false;
      },
    };
  };
  return {
    options: pool.options,
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let entry = wrappers.get(client);
      if (!entry) wrappers.set(client, (entry = wrap(client)));
      entry.checkedOut();
      return entry.wrapper;
    },
  };
}

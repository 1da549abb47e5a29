import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import type { Principal } from '../auth/roles.ts';
import type { VerifyToken } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../lib/logger.ts';

/** What every route and module is handed; built once by `createApp`. */
export interface AppDeps {
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  logger: Logger;
  verifyToken: VerifyToken;
  /** Things that run after a successful import commits (auto-screening registers here). Not awaited by
   *  the request; each failure is logged. */
  afterImport: Array<(actor: Actor) => Promise<void>>;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
  };
}

/** The audit actor of a request. */
export function actorOf(c: { get(key: 'principal'): Principal; get(key: 'requestId'): string }): Actor {
  const p = c.get('principal');
  return { sub: p.sub, roles: p.roles, requestId: c.get('requestId') };
}

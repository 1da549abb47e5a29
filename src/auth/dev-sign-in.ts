import type { Kysely } from 'kysely';
import { inWriteTransaction } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { todayIn } from '../clock.ts';
import { ValidationError } from '../errors.ts';
import { ROLES, type Role } from './roles.ts';
import { signToken } from './tokens.ts';

const DEV_TOKEN_TTL = '8h';
const SAMPLE_SIZE = 40;

/**
 * Whether the development sign-in may mint tokens. `auto` allows it only when the server signs with the
 * secret it generated in DATA_DIR (a local, single-machine setup); never with an identity provider.
 */
export function devSignInEnabled(config: Config): boolean {
  if (config.jwt.jwksUrl) return false;
  if (config.devSignIn === 'off') return false;
  if (config.devSignIn === 'on') return true;
  return config.jwt.secret === undefined;
}

export interface DevIdentity {
  staffNo: string;
  name: string;
  unit: string;
}

/** Who one can sign in as: every role, and a sample of serving staff for the staff desk. */
export async function devIdentities(
  db: Kysely<Database>,
  clock: Clock,
): Promise<{ roles: Role[]; staff: DevIdentity[] }> {
  const today = todayIn(clock);
  const staff = await db
    .selectFrom('staff')
    .innerJoin('person', 'person.id', 'staff.personId')
    .select(['staff.staffNo', 'person.name', 'staff.unit'])
    .where('staff.hiredOn', '<=', today)
    .where((eb) => eb.or([eb('staff.departedOn', 'is', null), eb('staff.departedOn', '>', today)]))
    .orderBy('staff.staffNo')
    .limit(SAMPLE_SIZE)
    .execute();
  return { roles: [...ROLES], staff };
}

/** Signs a token for `roles` (as `sub`), recording in the audit trail that it was minted here. */
export async function mintDevToken(
  db: Kysely<Database>,
  clock: Clock,
  secret: string,
  request: { roles: Role[]; sub: string; requestId: string | null },
): Promise<{ token: string; expiresIn: string }> {
  const roles = [...new Set(request.roles)];
  if (roles.includes('staff')) {
    const staff = await db
      .selectFrom('staff')
      .select('id')
      .where('staffNo', '=', request.sub)
      .executeTakeFirst();
    if (!staff)
      throw new ValidationError([{ path: '/sub', message: 'a staff token names a recorded staff number' }]);
  }
  await inWriteTransaction(
    db,
    clock,
    { sub: 'dev-sign-in', roles: [], requestId: request.requestId },
    (ctx) => ctx.audit({ action: 'auth.dev-token.mint', objectKeys: { sub: request.sub, roles } }),
  );
  return {
    token: await signToken(secret, { sub: request.sub, roles, ttl: DEV_TOKEN_TTL }),
    expiresIn: DEV_TOKEN_TTL,
  };
}

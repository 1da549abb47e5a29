import type { MiddlewareHandler } from 'hono';
import { hasAnyRole, type Role } from '../auth/roles.ts';
import type { VerifyToken } from '../auth/tokens.ts';
import { DomainError, ForbiddenError, UnauthorizedError } from '../errors.ts';
import type { AppEnv } from './env.ts';

/** Verifies the bearer token and puts the principal on the context. */
export function authenticate(verify: VerifyToken): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError();
    c.set('principal', await verify(match[1]));
    await next();
  };
}

/** 403 unless the caller holds one of `roles`. */
export function requireRoles(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!hasAnyRole(c.get('principal'), roles)) throw new ForbiddenError();
    await next();
  };
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/;

/** 415 unless the body is JSON; an optional body may also be absent. */
export function requireJsonBody(required: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    const hasBody =
      Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
    if (!JSON_MEDIA_TYPE.test(type) && (required || hasBody || type !== '')) {
      throw new DomainError(415, 'Unsupported Media Type', 'send the request body as application/json');
    }
    await next();
  };
}

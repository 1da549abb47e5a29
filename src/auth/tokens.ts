import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config.ts';
import { ServiceUnavailableError, UnauthorizedError } from '../errors.ts';
import { isRole, type Principal, type Role } from './roles.ts';

export const DEFAULT_ISSUER = 'qinglian';
export const DEFAULT_AUDIENCE = 'qinglian-api';
const ASYMMETRIC = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'];
const CLOCK_TOLERANCE_S = 30;
const SECRET_FILE = 'jwt-secret';

export type VerifyToken = (token: string) => Promise<Principal>;

/** The HS256 secret: `JWT_SECRET`, or one generated on first start and kept in `DATA_DIR`. */
export async function resolveJwtSecret(config: Config): Promise<string | undefined> {
  if (config.jwt.secret) return config.jwt.secret;
  if (config.jwt.jwksUrl) return undefined;
  const dir = resolve(config.dataDir);
  const file = join(dir, SECRET_FILE);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  await chmod(file, 0o600);
  return (await readFile(file, 'utf8')).trim();
}

/** At most this many verified tokens are remembered (then the memory starts over). */
const REMEMBERED_TOKENS = 1000;

interface Verified {
  principal: Principal;
  /** `exp` and `nbf` (seconds since the epoch), checked again on each use. */
  exp: number;
  nbf: number | undefined;
}

/** Builds the verifier once: HS256 with the shared secret, or the identity provider's cached JWKS. */
export function createTokenVerifier(config: Config, secret: string | undefined): VerifyToken {
  let key: KeyObject | JWTVerifyGetKey;
  let algorithms: string[];
  if (config.jwt.jwksUrl) {
    key = createRemoteJWKSet(new URL(config.jwt.jwksUrl));
    algorithms = ASYMMETRIC;
  } else if (secret) {
    // A key object (jose converts it once and keeps it): raw bytes would be imported again for every token.
    key = createSecretKey(new TextEncoder().encode(secret));
    algorithms = ['HS256'];
  } else {
    throw new Error('no JWT secret and no JWKS URL');
  }
  const issuer = config.jwt.issuer ?? DEFAULT_ISSUER;
  const audience = config.jwt.audience ?? DEFAULT_AUDIENCE;
  // A client sends the same token with every request: once its HS256 signature and claims have been
  // checked, only its time window needs checking again (as jose does: exp, nbf, with the same tolerance).
  // Not with a JWKS: the provider may withdraw a key, and a token signed with it must then fail.
  const remembered = config.jwt.jwksUrl ? null : new Map<string, Verified>();
  const stillValid = (v: Verified) => {
    const now = Math.floor(Date.now() / 1000);
    return v.exp > now - CLOCK_TOLERANCE_S && (v.nbf === undefined || v.nbf <= now + CLOCK_TOLERANCE_S);
  };
  return async (token) => {
    const known = remembered?.get(token);
    if (known && stillValid(known)) return { sub: known.principal.sub, roles: [...known.principal.roles] };
    try {
      const { payload } = await jwtVerify(token, key as KeyObject, {
        algorithms,
        issuer,
        audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      if (!payload.sub || roles.length === 0) throw new UnauthorizedError('the token names no known role');
      const principal = { sub: payload.sub, roles: [...new Set(roles)] };
      if (remembered) {
        if (remembered.size >= REMEMBERED_TOKENS) remembered.clear();
        remembered.set(token, { principal, exp: payload.exp!, nbf: payload.nbf });
      }
      return { sub: principal.sub, roles: [...principal.roles] };
    } catch (error) {
      if (known) remembered?.delete(token);
      if (error instanceof UnauthorizedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthorizedError('the token has expired');
      // The identity provider could not be asked for its keys: not the caller's fault, and worth a retry.
      if (
        error instanceof joseErrors.JWKSTimeout ||
        (config.jwt.jwksUrl && !(error instanceof joseErrors.JOSEError))
      ) {
        throw new ServiceUnavailableError(
          'the identity provider’s keys cannot be fetched to verify the token',
        );
      }
      if (error instanceof joseErrors.JOSEError) throw new UnauthorizedError('the token is not valid');
      throw error;
    }
  };
}

export interface SignOptions {
  sub: string;
  roles: Role[];
  ttl?: string;
  issuer?: string;
  audience?: string;
}

/** Signs an HS256 token the server accepts (for `npm run token`, the demo and tests). */
export async function signToken(secret: string, options: SignOptions): Promise<string> {
  return new SignJWT({ roles: options.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.ttl ?? '8h')
    .sign(new TextEncoder().encode(secret));
}

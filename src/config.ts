import { z } from 'zod';

const onOff = z.enum(['on', 'off']).default('on');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  AUTO_SCREEN: onOff,
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
  BODY_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(10_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DEV_SIGNIN: z.enum(['auto', 'on', 'off']).default('auto'),
  WEB_DIR: z.string().min(1).default('dist/web'),
});

export type Env = z.infer<typeof EnvSchema>;

/** What the app needs to know; the secret is resolved before the app is built. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  jwt: {
    secret: string | undefined;
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
  };
  autoScreen: boolean;
  importMaxBytes: number;
  bodyMaxBytes: number;
  dbPoolMax: number;
  statementTimeoutMs: number;
  shutdownGraceMs: number;
  logLevel: Env['LOG_LEVEL'];
  /** The development sign-in page: `auto` turns it on only with the secret generated in DATA_DIR. */
  devSignIn: Env['DEV_SIGNIN'];
  /** Where the built web console is (served at /app). */
  webDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; a bad value throws naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.JWT_JWKS_URL && !e.JWT_ISSUER) throw new ConfigError(['JWT_ISSUER: required with JWT_JWKS_URL']);
  if (e.JWT_JWKS_URL && !e.JWT_AUDIENCE) throw new ConfigError(['JWT_AUDIENCE: required with JWT_JWKS_URL']);
  if (e.JWT_JWKS_URL && e.DEV_SIGNIN === 'on') {
    throw new ConfigError([
      'DEV_SIGNIN: cannot be on when tokens come from an identity provider (JWT_JWKS_URL)',
    ]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    jwt: { secret: e.JWT_SECRET, jwksUrl: e.JWT_JWKS_URL, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    autoScreen: e.AUTO_SCREEN === 'on',
    importMaxBytes: e.IMPORT_MAX_BYTES,
    bodyMaxBytes: e.BODY_MAX_BYTES,
    dbPoolMax: e.DB_POOL_MAX,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    logLevel: e.LOG_LEVEL,
    devSignIn: e.DEV_SIGNIN,
    webDir: e.WEB_DIR,
  };
}

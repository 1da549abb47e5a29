// Prints a token the server accepts, signed with its secret (JWT_SECRET or the one kept in DATA_DIR).
import { parseArgs } from 'node:util';
import { isRole, type Role } from '../src/auth/roles.ts';
import { resolveJwtSecret, signToken } from '../src/auth/tokens.ts';
import { loadConfig } from '../src/config.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    sub: { type: 'string' },
    ttl: { type: 'string', default: '8h' },
  },
});
const roles = values.role ?? [];
const bad = roles.filter((r) => !isRole(r));
if (roles.length === 0 || bad.length > 0) {
  process.stderr.write(
    `usage: npm run token -- --role admin|hr|discipline|investigator|staff [--role …] [--sub S001] [--ttl 8h]\n` +
      (bad.length ? `unknown role: ${bad.join(', ')}\n` : ''),
  );
  process.exit(2);
}
if (roles.includes('staff') && !values.sub) {
  process.stderr.write('a staff token needs --sub <staffNo>\n');
  process.exit(2);
}
const config = loadConfig();
if (config.jwt.jwksUrl) {
  process.stderr.write('the server trusts an identity provider (JWT_JWKS_URL): get tokens from it\n');
  process.exit(2);
}
const secret = (await resolveJwtSecret(config))!;
const token = await signToken(secret, {
  sub: values.sub ?? roles[0]!,
  roles: roles as Role[],
  ttl: values.ttl,
  ...(config.jwt.issuer ? { issuer: config.jwt.issuer } : {}),
  ...(config.jwt.audience ? { audience: config.jwt.audience } : {}),
});
process.stdout.write(`${token}\n`);

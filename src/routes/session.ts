import { createRoute, z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { App } from '../app.ts';
import { devIdentities, devSignInEnabled, mintDevToken } from '../auth/dev-sign-in.ts';
import { ROLES } from '../auth/roles.ts';
import { whoAmI } from '../auth/whoami.ts';
import { STAFF_CATEGORIES } from '../bundle/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { AppDeps } from '../http/env.ts';
import { problems } from '../http/schemas.ts';

const RoleSchema = z.enum(ROLES);

const WhoAmISchema = z
  .object({
    sub: z.string(),
    roles: z.array(RoleSchema),
    staff: z
      .object({ staffNo: z.string(), name: z.string(), unit: z.string(), category: z.enum(STAFF_CATEGORIES) })
      .nullable(),
  })
  .openapi('WhoAmI');

const me = createRoute({
  method: 'get',
  path: '/api/v1/me',
  tags: ['session'],
  summary: 'The caller: roles from the token and, for a staff number, who that is',
  description: 'Any role. The web console uses it to show each role only its own desks.',
  responses: {
    200: { description: 'The caller', content: { 'application/json': { schema: WhoAmISchema } } },
    ...problems(401),
  },
});

const identities = createRoute({
  method: 'get',
  path: '/auth/dev-sign-in',
  tags: ['session'],
  security: [],
  summary: 'Development sign-in: the roles and a sample of staff one may sign in as',
  description:
    'Only when the server signs tokens with its own local secret: DEV_SIGNIN=auto with the secret generated ' +
    'in DATA_DIR, and then only over a loopback connection; or DEV_SIGNIN=on. Otherwise 404, as if the route ' +
    'did not exist.',
  responses: {
    200: {
      description: 'Who one may sign in as',
      content: {
        'application/json': {
          schema: z.object({
            roles: z.array(RoleSchema),
            staff: z.array(z.object({ staffNo: z.string(), name: z.string(), unit: z.string() })),
          }),
        },
      },
    },
    ...problems(404),
  },
});

const mint = createRoute({
  method: 'post',
  path: '/auth/dev-sign-in',
  tags: ['session'],
  security: [],
  summary: 'Development sign-in: mint a token for roles (audited)',
  description: 'Same availability as GET. A staff token must name a recorded staff number as `sub`.',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.strictObject({
            roles: z.array(RoleSchema).min(1, 'choose at least one role'),
            sub: z.string().trim().min(1).max(100),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'A signed token',
      content: { 'application/json': { schema: z.object({ token: z.string(), expiresIn: z.string() }) } },
    },
    ...problems(400, 404),
  },
});

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Whether the request came over a loopback connection (false when there is no socket to ask). */
function fromLoopback(c: Context): boolean {
  try {
    return LOOPBACK.has(getConnInfo(c).remote.address ?? '');
  } catch {
    return false;
  }
}

export function registerSessionRoutes(app: App, deps: AppDeps, jwtSecret: string | undefined) {
  app.openapi(me, async (c) => c.json(await whoAmI(deps.db, c.get('principal')), 200));

  const secret = devSignInEnabled(deps.config) ? jwtSecret : undefined;
  // `auto` also wants the browser on this machine: the default HOST listens on every interface.
  const loopbackOnly = deps.config.devSignIn === 'auto';
  // Before validation, so a server without it answers 404 to every request, well-formed or not.
  app.use('/auth/dev-sign-in', async (c, next) => {
    if (secret === undefined || (loopbackOnly && !fromLoopback(c))) {
      throw new NotFoundError(`route ${c.req.method} ${c.req.path}`);
    }
    await next();
  });
  app.openapi(identities, async (c) => c.json(await devIdentities(deps.db, deps.clock), 200));
  app.openapi(mint, async (c) => {
    const minted = await mintDevToken(deps.db, deps.clock, secret!, {
      ...c.req.valid('json'),
      requestId: c.get('requestId'),
    });
    return c.json(minted, 201);
  });
}

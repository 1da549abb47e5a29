import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { DECLARATION_OFFICE } from '../declarations/access.ts';
import { declaredNames } from '../declarations/declared-names.ts';
import { DeclarationParams } from '../declarations/schemas.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { problems } from '../http/schemas.ts';

const DeclaredNamesSchema = z
  .object({
    staffNo: z.string(),
    year: z.number().int(),
    people: z.array(z.object({ ref: z.string(), name: z.string() })),
    organizations: z.array(z.object({ creditCode: z.string(), name: z.string() })),
  })
  .openapi('DeclaredNames');

const names = createRoute({
  method: 'get',
  path: '/api/v1/declarations/{staffNo}/{year}/names',
  tags: ['declarations'],
  summary: 'The names of the people and organisations a declaration names (every version and the draft)',
  description:
    'Roles: admin, discipline; staff (their own; anyone else’s is a 404 like a missing one). Items name people ' +
    'by ref; someone first named in a declaration has no kinship record until it is accepted, so the pre-fill ' +
    'cannot name them. It names relatives, so every read is written to the audit trail.',
  middleware: [requireRoles(...DECLARATION_OFFICE, 'staff')] as const,
  request: { params: DeclarationParams },
  responses: {
    200: { description: 'The names', content: { 'application/json': { schema: DeclaredNamesSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

export function registerDeclarationNameRoutes(app: App, deps: AppDeps) {
  app.openapi(names, async (c) => {
    const { staffNo, year } = c.req.valid('param');
    c.header('Cache-Control', 'no-store');
    return c.json(
      await declaredNames(deps.db, deps.clock, actorOf(c), c.get('principal'), staffNo, year),
      200,
    );
  });
}

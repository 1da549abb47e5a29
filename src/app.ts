import { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { Kysely } from 'kysely';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { createTokenVerifier, type VerifyToken } from './auth/tokens.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/schema.ts';
import { NotFoundError, PayloadTooLargeError, ValidationError } from './errors.ts';
import { authenticate, requireJsonBody } from './http/auth-middleware.ts';
import type { AppDeps, AppEnv } from './http/env.ts';
import { createErrorHandler, problemJson } from './http/problem.ts';
import { silentLogger, type Logger } from './lib/logger.ts';
import { registerAuditRoutes } from './routes/audit.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerPostRoutes } from './routes/posts.ts';
import { registerAssignmentRoutes } from './routes/assignments.ts';
import { registerRotationPlanRoutes } from './routes/rotation-plans.ts';
import { registerRotationDueRowRoutes } from './routes/rotation-due-rows.ts';
import { registerQualificationRoutes } from './routes/qualifications.ts';
import { registerEnforcementRoutes } from './routes/enforcement.ts';
import { registerCampaignRoutes } from './routes/campaigns.ts';
import { registerDeclarationRoutes } from './routes/declarations.ts';
import { registerDeclarationNameRoutes } from './routes/declaration-names.ts';
import { registerReminderRoutes } from './routes/reminders.ts';
import { registerFindingRoutes } from './routes/findings.ts';
import { registerReportRoutes } from './routes/reports.ts';
import { registerResponsibilityRoutes } from './routes/responsibility.ts';
import { registerAffiliationRoutes } from './routes/affiliations.ts';
import { registerKinshipRoutes } from './routes/kinship.ts';
import { registerOrganizationRoutes } from './routes/organizations.ts';
import { registerOwnershipRoutes } from './routes/ownerships.ts';
import { registerPeopleRoutes } from './routes/people.ts';
import { registerStaffRoutes } from './routes/staff.ts';
import { registerImportRoutes } from './routes/import.ts';
import { registerScreeningRoutes } from './routes/screenings.ts';
import { registerFlagRoutes } from './routes/flags.ts';
import { registerFlagSummaryRoutes } from './routes/flag-summary.ts';
import { registerGraphRoutes } from './routes/graph.ts';
import { registerPolicyRoutes } from './routes/policy.ts';
import { registerRotationRoutes } from './routes/rotations.ts';
import { registerSessionRoutes } from './routes/session.ts';
import { registerAutoScreening } from './screening/auto-screen.ts';
import { registerConsole } from './web/console.ts';

export interface CreateAppOptions {
  db: Kysely<Database>;
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** The HS256 secret the server verifies with (resolved from config or DATA_DIR by the caller). */
  jwtSecret?: string | undefined;
  verifyToken?: VerifyToken;
}

export type App = OpenAPIHono<AppEnv>;

/** One problem per offending field: an unknown-keys issue names each key at its own path. */
function problemItemsOf(issue: { path: PropertyKey[]; message: string; code?: string; keys?: string[] }) {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return issue.keys.map((key) => ({ path: `/${[...at, key].join('/')}`, message: 'unknown field' }));
  }
  return [{ path: `/${at.join('/')}`, message: issue.message }];
}

/** Builds the HTTP application; holds no global state, so tests build one per database. */
export function createApp(options: CreateAppOptions): { app: App; deps: AppDeps } {
  const logger = options.logger ?? silentLogger;
  const deps: AppDeps = {
    db: options.db,
    config: options.config,
    clock: options.clock ?? systemClock,
    logger,
    verifyToken: options.verifyToken ?? createTokenVerifier(options.config, options.jwtSecret),
    afterImport: [],
  };

  const app: App = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ValidationError(result.error.issues.flatMap(problemItemsOf));
    },
  });

  // A declared JSON body is required unless the route says `required: false`, and must arrive as JSON:
  // the validator otherwise reads a body of another media type as `{}`, which an all-optional PATCH accepts.
  const register = app.openapi.bind(app);
  app.openapi = ((route, handler, hook) => {
    const body = route.request?.body;
    if (!body?.content?.['application/json']) return register(route, handler, hook);
    const required = body.required ?? true;
    const own = route.middleware === undefined ? [] : [route.middleware].flat();
    const strict = {
      ...route,
      // After the route's own middleware, so a caller refused by role learns nothing about the body.
      middleware: [...own, requireJsonBody(required)],
      request: { ...route.request, body: { ...body, required } },
    };
    return register(strict as typeof route, handler, hook);
  }) as typeof app.openapi;

  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(secureHeaders());
  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new PayloadTooLargeError(maxSize);
      },
    });
  const importLimit = limitTo(deps.config.importMaxBytes);
  const bodyMaxLimit = limitTo(deps.config.bodyMaxBytes);
  app.use('*', async (c, next) => {
    // GET and HEAD carry no body (the Node adapter gives them none); asking for it would build a full
    // fetch Request (with its AbortSignal) for every read.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const isImport = c.req.path === '/api/v1/import' || c.req.path.startsWith('/api/v1/import/');
    return (isImport ? importLimit : bodyMaxLimit)(c, next);
  });
  app.use('/api/v1/*', authenticate(deps.verifyToken));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });

  registerHealthRoutes(app, deps);
  registerSessionRoutes(app, deps, options.jwtSecret);
  registerConsole(app, deps);
  registerAuditRoutes(app, deps);
  registerPostRoutes(app, deps);
  registerAssignmentRoutes(app, deps);
  registerRotationPlanRoutes(app, deps);
  registerRotationDueRowRoutes(app, deps);
  registerQualificationRoutes(app, deps);
  registerEnforcementRoutes(app, deps);
  registerCampaignRoutes(app, deps);
  registerDeclarationRoutes(app, deps);
  registerDeclarationNameRoutes(app, deps);
  registerReminderRoutes(app, deps);
  registerFindingRoutes(app, deps);
  registerResponsibilityRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerStaffRoutes(app, deps);
  registerKinshipRoutes(app, deps);
  registerOrganizationRoutes(app, deps);
  registerAffiliationRoutes(app, deps);
  registerOwnershipRoutes(app, deps);
  registerImportRoutes(app, deps);
  registerScreeningRoutes(app, deps);
  registerFlagSummaryRoutes(app, deps);
  registerFlagRoutes(app, deps);
  registerGraphRoutes(app, deps);
  registerPolicyRoutes(app, deps);
  registerRotationRoutes(app, deps);
  registerAutoScreening(deps);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'qinglian 清廉 API',
      version: '1',
      description:
        'Integrity and conflict-of-interest compliance for a fire-rescue detachment: personnel, ties, ' +
        'declarations, screening flags with evidence, rotations, qualifications and accountability.',
    },
    security: [{ bearer: [] }],
  });
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'qinglian API' }));

  app.notFound((c) => problemJson(c, new NotFoundError(`route ${c.req.method} ${c.req.path}`)));
  app.onError(createErrorHandler(logger));
  return { app, deps };
}

import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { DECLARATION_OFFICE } from '../declarations/access.ts';
import { declarationVersions, getDeclaration, listDeclarations } from '../declarations/declaration-view.ts';
import { getDraft, saveDraft, startDraft } from '../declarations/drafts.ts';
import { idempotencyKeyOf } from '../declarations/idempotency.ts';
import { getPrefill } from '../declarations/prefill.ts';
import { decideDeclaration, getReview } from '../declarations/review.ts';
import {
  DeclarationParams,
  DeclarationSchema,
  DeclarationSummarySchema,
  DeclarationVersionsSchema,
  DecisionBodySchema,
  DecisionResultSchema,
  DraftBodySchema,
  DraftSchema,
  PrefillSchema,
  ReviewViewSchema,
  SubmissionBodySchema,
} from '../declarations/schemas.ts';
import { submitDeclaration } from '../declarations/submission.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { acceptedVersions, ETagHeader, etagOf, IfMatchHeaders } from '../http/etag.ts';
import { CursorQuery, LimitQuery, page, problems } from '../http/schemas.ts';

// Declarations: a staff member's own (pre-fill, draft, submission, amendment) and the discipline office's review.
// A staff member reaches only their own staff number; anyone else's is a 404 exactly like a missing one.
const READERS = [...DECLARATION_OFFICE, 'staff'] as const;
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const PATH = '/api/v1/declarations/{staffNo}/{year}';
const AUDITED = 'It names relatives, so every read is written to the audit trail.';
const OWN = 'Role: staff, for their own staff number only (anyone else’s is a 404 like a missing one).';

const list = createRoute({
  method: 'get',
  path: '/api/v1/declarations',
  tags: ['declarations'],
  summary: 'Submitted declarations, with where their review stands',
  description: 'Roles: admin, discipline.',
  middleware: [requireRoles(...DECLARATION_OFFICE)] as const,
  request: {
    query: z.object({
      year: z.coerce.number().int().min(1949).max(9999).optional(),
      staffNo: z.string().min(1).max(100).optional(),
      unit: z.string().min(1).max(200).optional(),
      review: z.enum(['pending', 'accepted', 'returned']).optional(),
      limit: LimitQuery,
      cursor: CursorQuery,
    }),
  },
  responses: {
    200: json(page(DeclarationSummarySchema), 'A page of declarations'),
    ...problems(400, 401, 403),
  },
});

const get = createRoute({
  method: 'get',
  path: PATH,
  tags: ['declarations'],
  summary: 'A submitted declaration as it now stands',
  description: `Roles: admin, discipline; staff (their own). ${AUDITED}`,
  middleware: [requireRoles(...READERS)] as const,
  request: { params: DeclarationParams },
  responses: {
    200: { ...json(DeclarationSchema, 'The declaration'), headers: ETagHeader },
    ...problems(400, 401, 403, 404),
  },
});

const versions = createRoute({
  method: 'get',
  path: `${PATH}/versions`,
  tags: ['declarations'],
  summary: 'Every submitted version, oldest first (amendments keep the earlier ones)',
  description: `Roles: admin, discipline; staff (their own). ${AUDITED}`,
  middleware: [requireRoles(...READERS)] as const,
  request: { params: DeclarationParams },
  responses: { 200: json(DeclarationVersionsSchema, 'The versions'), ...problems(400, 401, 403, 404) },
});

const prefill = createRoute({
  method: 'get',
  path: `${PATH}/prefill`,
  tags: ['declarations'],
  summary: 'What the records already know: close relatives and every declarable tie, with sources',
  description:
    'Roles: admin, discipline; staff (their own, for a campaign that covers them). Ties of the staff member and ' +
    `their close relatives to fire-industry firms, industry associations and intermediaries, active in the year. ${AUDITED}`,
  middleware: [requireRoles(...READERS)] as const,
  request: { params: DeclarationParams },
  responses: { 200: json(PrefillSchema, 'The known side, and draft items'), ...problems(400, 401, 403, 404) },
});

const draftGet = createRoute({
  method: 'get',
  path: `${PATH}/draft`,
  tags: ['declarations'],
  summary: 'Your draft',
  description: `${OWN} ${AUDITED}`,
  middleware: [requireRoles('staff')] as const,
  request: { params: DeclarationParams },
  responses: {
    200: { ...json(DraftSchema, 'The draft'), headers: ETagHeader },
    ...problems(400, 401, 403, 404),
  },
});

const draftStart = createRoute({
  method: 'post',
  path: `${PATH}/draft`,
  tags: ['declarations'],
  summary: 'Start your draft, pre-filled from the records (after a submission: an amendment draft)',
  description: `${OWN} An open draft is returned as it is (200).`,
  middleware: [requireRoles('staff')] as const,
  request: { params: DeclarationParams },
  responses: {
    200: { ...json(DraftSchema, 'The open draft'), headers: ETagHeader },
    201: { ...json(DraftSchema, 'Started, pre-filled'), headers: ETagHeader },
    ...problems(400, 401, 403, 404),
  },
});

const draftSave = createRoute({
  method: 'put',
  path: `${PATH}/draft`,
  tags: ['declarations'],
  summary: 'Save your draft: confirm, correct or add relatives and ties',
  description:
    `${OWN} Optional If-Match with the draft ETag guards against a save from another window (412). Someone ` +
    'not yet recorded is named `new:<label>` with their name; an organisation not yet recorded needs its name, ' +
    'kind and region.',
  middleware: [requireRoles('staff')] as const,
  request: {
    params: DeclarationParams,
    headers: IfMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: DraftBodySchema } } },
  },
  responses: {
    200: { ...json(DraftSchema, 'Saved'), headers: ETagHeader },
    ...problems(400, 401, 403, 404, 412, 413),
  },
});

const submit = createRoute({
  method: 'post',
  path: `${PATH}/submissions`,
  tags: ['declarations'],
  summary: 'Submit your declaration (again with amendmentReason: an amendment, a new version)',
  description:
    `${OWN} Send an \`Idempotency-Key\`: a replay of the same request returns the same answer ` +
    '(`Idempotent-Replayed: true`), the same key with a different request is a 422. A submitted version never ' +
    'changes; submitting again without amendmentReason is a 409.',
  middleware: [requireRoles('staff')] as const,
  request: {
    params: DeclarationParams,
    headers: z.object({
      'idempotency-key': z
        .string()
        .optional()
        .openapi({ description: 'A unique key per intended submission' }),
    }),
    body: { required: true, content: { 'application/json': { schema: SubmissionBodySchema } } },
  },
  responses: {
    201: { ...json(DeclarationSchema, 'Submitted'), headers: ETagHeader },
    ...problems(400, 401, 403, 404, 409, 413, 422),
  },
});

const review = createRoute({
  method: 'get',
  path: `${PATH}/review`,
  tags: ['declarations'],
  summary: 'Review: declared vs known side by side (未报 / 不一致 / 新报), with the flags of the declaration',
  description: `Roles: admin, discipline. ${AUDITED}`,
  middleware: [requireRoles(...DECLARATION_OFFICE)] as const,
  request: { params: DeclarationParams },
  responses: {
    200: { ...json(ReviewViewSchema, 'The review screen'), headers: ETagHeader },
    ...problems(400, 401, 403, 404),
  },
});

const decide = createRoute({
  method: 'post',
  path: `${PATH}/review`,
  tags: ['declarations'],
  summary: 'Accept the declaration, or return it for correction with a comment',
  description:
    'Role: discipline. If-Match: the declaration version you reviewed (428 without, 412 if amended since). ' +
    'Accepting records each declared relative and tie not yet on file (source `declaration`), each audited, ' +
    'and lists them; one decision per version (409).',
  middleware: [requireRoles('discipline')] as const,
  request: {
    params: DeclarationParams,
    headers: IfMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: DecisionBodySchema } } },
  },
  responses: {
    201: json(DecisionResultSchema, 'Decided'),
    ...problems(400, 401, 403, 404, 409, 412, 413, 428),
  },
});

export function registerDeclarationRoutes(app: App, deps: AppDeps) {
  app.openapi(list, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await listDeclarations(deps.db, c.req.valid('query')), 200);
  });

  app.openapi(get, async (c) => {
    const { staffNo, year } = c.req.valid('param');
    const view = await getDeclaration(deps.db, deps.clock, actorOf(c), c.get('principal'), staffNo, year);
    c.header('Cache-Control', 'no-store');
    c.header('ETag', etagOf(view.version));
    return c.json(view, 200);
  });

  app.openapi(versions, async (c) => {
    const { staffNo, year } = c.req.valid('param');
    c.header('Cache-Control', 'no-store');
    return c.json(
      await declarationVersions(deps.db, deps.clock, actorOf(c), c.get('principal'), staffNo, year),
      200,
    );
  });

  app.openapi(prefill, async (c) => {
    const { staffNo, year } = c.req.valid('param');
    c.header('Cache-Control', 'no-store');
    return c.json(await getPrefill(deps.db, deps.clock, actorOf(c), c.get('principal'), staffNo, year), 200);
  });

  app.openapi(draftGet, async (c) => {
    const { staffNo, year } = c.req.valid('param');
    const draft = await getDraft(deps.db, deps.clock, actorOf(c), c.get('principal'), staffNo, year);
    c.header('Cache-Control', 'no-store');
    c.header('ETag', etagOf(draft.version));
    return c.json(draft, 200);
  });

  app.openapi(draftStart, async (c) => {
    const { staffNo, year } = c.req.valid('param');
    const { created, draft } = await startDraft(
      deps.db,
      deps.clock,
      actorOf(c),
      c.get('principal'),
      staffNo,
      year,
    );
    c.header('ETag', etagOf(draft.version));
    return created ? c.json(draft, 201) : c.json(draft, 200);
  });

  app.openapi(draftSave, async (c) => {
    const { staffNo, year } = c.req.valid('param');
    const ifMatch = c.req.valid('header')['if-match'];
    const draft = await saveDraft(
      deps.db,
      deps.clock,
      actorOf(c),
      c.get('principal'),
      staffNo,
      year,
      c.req.valid('json'),
      ifMatch === undefined ? undefined : acceptedVersions(ifMatch),
    );
    c.header('ETag', etagOf(draft.version));
    return c.json(draft, 200);
  });

  app.openapi(submit, async (c) => {
    const { staffNo, year } = c.req.valid('param');
    const key = idempotencyKeyOf(c.req.valid('header')['idempotency-key']);
    const answer = await submitDeclaration(
      deps.db,
      deps.clock,
      actorOf(c),
      c.get('principal'),
      staffNo,
      year,
      c.req.valid('json'),
      key,
    );
    if (answer.replayed) c.header('Idempotent-Replayed', 'true');
    c.header('ETag', etagOf(answer.body.version));
    c.header('Location', `/api/v1/declarations/${encodeURIComponent(staffNo)}/${year}`);
    return c.json(answer.body, 201);
  });

  app.openapi(review, async (c) => {
    const { staffNo, year } = c.req.valid('param');
    const view = await getReview(deps.db, deps.clock, actorOf(c), c.get('principal'), staffNo, year);
    c.header('Cache-Control', 'no-store');
    c.header('ETag', etagOf(view.declaration.version));
    return c.json(view, 200);
  });

  app.openapi(decide, async (c) => {
    const { staffNo, year } = c.req.valid('param');
    const result = await decideDeclaration(
      deps.db,
      deps.clock,
      actorOf(c),
      c.get('principal'),
      staffNo,
      year,
      acceptedVersions(c.req.valid('header')['if-match']),
      c.req.valid('json'),
    );
    return c.json(result, 201);
  });
}

import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { POST_KINDS } from '../bundle/schema.ts';
import { requireRoles } from '../http/auth-middleware.ts';
import { actorOf, type AppDeps } from '../http/env.ts';
import { acceptedVersions, etagOf } from '../http/etag.ts';
import { CursorQuery, LimitQuery, page, problems } from '../http/schemas.ts';
import { createPost, getPost, listPosts, updatePost } from '../posts/posts.ts';
import { NewPostSchema, PostChangeSchema, PostCode, PostSchema } from '../posts/schemas.ts';

const READERS = ['admin', 'hr', 'discipline', 'investigator'] as const;
const WRITERS = ['admin', 'hr'] as const;

const list = createRoute({
  method: 'get',
  path: '/api/v1/posts',
  tags: ['posts'],
  summary: 'Posts (岗位), by code',
  middleware: [requireRoles(...READERS)] as const,
  request: {
    query: z.object({
      limit: LimitQuery,
      cursor: CursorQuery,
      unit: z.string().optional(),
      kind: z.enum(POST_KINDS).optional(),
    }),
  },
  responses: {
    200: { description: 'A page of posts', content: { 'application/json': { schema: page(PostSchema) } } },
    ...problems(400, 401, 403),
  },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/posts',
  tags: ['posts'],
  summary: 'Record a post with its unit, kind, rotation period and jurisdiction',
  middleware: [requireRoles(...WRITERS)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: NewPostSchema } } } },
  responses: {
    201: { description: 'The post', content: { 'application/json': { schema: PostSchema } } },
    ...problems(400, 401, 403, 409),
  },
});

const one = createRoute({
  method: 'get',
  path: '/api/v1/posts/{code}',
  tags: ['posts'],
  summary: 'One post; its ETag is its version',
  middleware: [requireRoles(...READERS)] as const,
  request: { params: z.object({ code: PostCode }) },
  responses: {
    200: { description: 'The post', content: { 'application/json': { schema: PostSchema } } },
    ...problems(401, 403, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/posts/{code}',
  tags: ['posts'],
  summary: 'Change a post (If-Match with the ETag you read); the previous version is kept',
  middleware: [requireRoles(...WRITERS)] as const,
  request: {
    params: z.object({ code: PostCode }),
    headers: z.object({ 'if-match': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: PostChangeSchema } } },
  },
  responses: {
    200: { description: 'The post as changed', content: { 'application/json': { schema: PostSchema } } },
    ...problems(400, 401, 403, 404, 412, 428),
  },
});

export function registerPostRoutes(app: App, deps: AppDeps) {
  app.openapi(list, async (c) => c.json(await listPosts(deps.db, c.req.valid('query')), 200));
  app.openapi(create, async (c) => {
    const post = await createPost(deps.db, deps.clock, actorOf(c), c.req.valid('json'));
    c.header('ETag', etagOf(post.version));
    return c.json(post, 201);
  });
  app.openapi(one, async (c) => {
    const post = await getPost(deps.db, c.req.valid('param').code);
    c.header('ETag', etagOf(post.version));
    return c.json(post, 200);
  });
  app.openapi(update, async (c) => {
    const accepted = acceptedVersions(c.req.header('if-match'));
    const post = await updatePost(
      deps.db,
      deps.clock,
      actorOf(c),
      c.req.valid('param').code,
      accepted,
      c.req.valid('json'),
    );
    c.header('ETag', etagOf(post.version));
    return c.json(post, 200);
  });
}

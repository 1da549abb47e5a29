import { z } from '@hono/zod-openapi';
import { POST_KINDS } from '../bundle/schema.ts';
import { DaySchema } from '../http/schemas.ts';

export const PostCode = z.string().trim().min(1).max(100).openapi({ example: 'ENF-JS-01' });
export const StaffNo = z.string().trim().min(1).max(100).openapi({ example: 'S016' });
export const Jurisdiction = z
  .string()
  .regex(/^\d{6}$/, 'must be a 6-digit administrative division code')
  .openapi({ example: '230502' });
const RotationYears = z.number().int().positive().max(50);

export const PostSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    kind: z.enum(POST_KINDS),
    rotationYears: z.number().int().nullable(),
    jurisdiction: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Post');

export const NewPostSchema = z
  .strictObject({
    code: PostCode,
    name: z.string().trim().min(1).max(200),
    unit: z.string().trim().min(1).max(200),
    kind: z.enum(POST_KINDS),
    rotationYears: RotationYears.nullable().optional(),
    jurisdiction: Jurisdiction.nullable().optional(),
  })
  .openapi('NewPost');

export const PostChangeSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    unit: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(POST_KINDS).optional(),
    rotationYears: RotationYears.nullable().optional(),
    jurisdiction: Jurisdiction.nullable().optional(),
  })
  .openapi('PostChange');

export const AssignmentSchema = z
  .object({
    id: z.number().int(),
    staffNo: z.string(),
    post: z.string(),
    unit: z.string(),
    postKind: z.enum(POST_KINDS),
    from: z.string(),
    to: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Assignment');

export const NewAssignmentSchema = z
  .strictObject({
    staffNo: StaffNo,
    post: PostCode,
    from: DaySchema,
    to: DaySchema.nullable().optional(),
  })
  .openapi('NewAssignment');

export const EndAssignmentSchema = z.strictObject({ on: DaySchema }).openapi('EndAssignment');

export const MoveSchema = z
  .strictObject({
    staffNo: StaffNo,
    fromPost: PostCode,
    toPost: PostCode,
    on: DaySchema,
  })
  .openapi('Move');

export type Post = z.infer<typeof PostSchema>;
export type NewPost = z.infer<typeof NewPostSchema>;
export type PostChange = z.infer<typeof PostChangeSchema>;
export type Assignment = z.infer<typeof AssignmentSchema>;
export type NewAssignment = z.infer<typeof NewAssignmentSchema>;
export type MoveRequest = z.infer<typeof MoveSchema>;

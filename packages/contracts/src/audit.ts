import { z } from 'zod';
import { idSchema, isoInstantSchema } from './common.ts';

export const auditEventSchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.string(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.strictObject({
  actorId: idSchema.optional(),
  action: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(200).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: isoInstantSchema.optional(),
  to: isoInstantSchema.optional(),
  cursor: z.string().regex(/^\d+$/, { message: 'Must be a cursor returned by a previous page.' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

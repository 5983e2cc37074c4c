import { bigint, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditEvents = pgTable('audit_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  practiceId: uuid('practice_id'),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  actorType: text('actor_type').$type<AuditActorType>().notNull(),
  actorId: uuid('actor_id'),
  actorLabel: text('actor_label'),
  action: text('action').notNull(),
  objectType: text('object_type'),
  objectId: text('object_id'),
  outcome: text('outcome').$type<'success' | 'failure'>().notNull().default('success'),
  ip: text('ip'),
  requestId: text('request_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
});

export type AuditActorType = 'staff' | 'patient' | 'system' | 'anonymous';

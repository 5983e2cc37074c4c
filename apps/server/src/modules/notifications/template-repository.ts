import type { MessageTemplateKey } from '@glowdesk/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { messageTemplates } from './notifications-tables.ts';

export interface StoredTemplateRecord {
  key: MessageTemplateKey;
  emailSubject: string;
  emailBody: string;
  smsBody: string;
  updatedAt: Date;
  updatedBy: string;
  version: number;
}

const columns = {
  key: messageTemplates.templateKey,
  emailSubject: messageTemplates.emailSubject,
  emailBody: messageTemplates.emailBody,
  smsBody: messageTemplates.smsBody,
  updatedAt: messageTemplates.updatedAt,
  updatedBy: messageTemplates.updatedBy,
  version: messageTemplates.version,
};

export async function listStoredTemplates(tx: Transaction, practiceId: string): Promise<StoredTemplateRecord[]> {
  return tx.select(columns).from(messageTemplates).where(eq(messageTemplates.practiceId, practiceId));
}

export async function findStoredTemplate(
  tx: Transaction,
  practiceId: string,
  key: MessageTemplateKey,
): Promise<StoredTemplateRecord | undefined> {
  const [row] = await tx
    .select(columns)
    .from(messageTemplates)
    .where(and(eq(messageTemplates.practiceId, practiceId), eq(messageTemplates.templateKey, key)));
  return row;
}

export interface TemplateWrite {
  emailSubject: string;
  emailBody: string;
  smsBody: string;
}

/** Saves the practice's wording for one template, bumping its version. */
export async function upsertTemplate(
  tx: Transaction,
  practiceId: string,
  key: MessageTemplateKey,
  text: TemplateWrite,
  updatedBy: string,
  now: Date,
): Promise<StoredTemplateRecord> {
  const [row] = await tx
    .insert(messageTemplates)
    .values({ practiceId, templateKey: key, ...text, updatedBy, updatedAt: now })
    .onConflictDoUpdate({
      target: [messageTemplates.practiceId, messageTemplates.templateKey],
      set: { ...text, updatedBy, updatedAt: now, version: sql`${messageTemplates.version} + 1` },
    })
    .returning(columns);
  if (!row) throw new Error('upsert into message_templates returned no row');
  return row;
}

/** Removes the practice's wording so the default applies again; true when there was one. */
export async function deleteTemplate(tx: Transaction, practiceId: string, key: MessageTemplateKey): Promise<boolean> {
  const rows = await tx
    .delete(messageTemplates)
    .where(and(eq(messageTemplates.practiceId, practiceId), eq(messageTemplates.templateKey, key)))
    .returning({ key: messageTemplates.templateKey });
  return rows.length > 0;
}

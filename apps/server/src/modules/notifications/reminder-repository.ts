import { DEFAULT_REMINDER_OFFSETS_MINUTES } from '@glowdesk/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { appointmentReminders, practiceNotificationSettings, type ReminderOutcome } from './reminder-tables.ts';

export interface ReminderSettingsRecord {
  remindersEnabled: boolean;
  /** Largest first. */
  reminderOffsetsMinutes: number[];
  updatedAt: Date | null;
  version: number;
  isDefault: boolean;
}

export const defaultReminderSettings: ReminderSettingsRecord = {
  remindersEnabled: true,
  reminderOffsetsMinutes: [...DEFAULT_REMINDER_OFFSETS_MINUTES],
  updatedAt: null,
  version: 0,
  isDefault: true,
};

function largestFirst(offsets: readonly number[]): number[] {
  return [...offsets].sort((a, b) => b - a);
}

export async function findReminderSettings(tx: Transaction, practiceId: string): Promise<ReminderSettingsRecord> {
  const [row] = await tx.select().from(practiceNotificationSettings).where(eq(practiceNotificationSettings.practiceId, practiceId));
  if (!row) return defaultReminderSettings;
  return {
    remindersEnabled: row.remindersEnabled,
    reminderOffsetsMinutes: largestFirst(row.reminderOffsetsMinutes),
    updatedAt: row.updatedAt,
    version: row.version,
    isDefault: false,
  };
}

export async function saveReminderSettings(
  tx: Transaction,
  practiceId: string,
  settings: { remindersEnabled: boolean; reminderOffsetsMinutes: readonly number[] },
  updatedBy: string,
  now: Date,
): Promise<ReminderSettingsRecord> {
  const values = {
    remindersEnabled: settings.remindersEnabled,
    reminderOffsetsMinutes: largestFirst(settings.reminderOffsetsMinutes),
    updatedAt: now,
    updatedBy,
  };
  const [row] = await tx
    .insert(practiceNotificationSettings)
    .values({ practiceId, ...values })
    .onConflictDoUpdate({
      target: practiceNotificationSettings.practiceId,
      set: { ...values, version: sql`${practiceNotificationSettings.version} + 1` },
    })
    .returning();
  if (!row) throw new Error('upsert of practice_notification_settings returned no row');
  return {
    remindersEnabled: row.remindersEnabled,
    reminderOffsetsMinutes: row.reminderOffsetsMinutes,
    updatedAt: row.updatedAt,
    version: row.version,
    isDefault: false,
  };
}

/** The reminder settings of the practices that have their own (the others use the defaults). Platform-wide read for the job. */
export async function findReminderSettingsOf(
  tx: Transaction,
  practiceIds: readonly string[],
): Promise<Map<string, ReminderSettingsRecord>> {
  if (practiceIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(practiceNotificationSettings)
    .where(inArray(practiceNotificationSettings.practiceId, [...practiceIds]));
  return new Map(
    rows.map((row) => [
      row.practiceId,
      {
        remindersEnabled: row.remindersEnabled,
        reminderOffsetsMinutes: largestFirst(row.reminderOffsetsMinutes),
        updatedAt: row.updatedAt,
        version: row.version,
        isDefault: false,
      },
    ]),
  );
}

/** The largest reminder offset any practice uses (with reminders on), at least the default's: how far ahead the job looks. */
export async function findLargestReminderOffsetMinutes(tx: Transaction, practiceIds?: readonly string[]): Promise<number> {
  if (practiceIds?.length === 0) return Math.max(...DEFAULT_REMINDER_OFFSETS_MINUTES);
  const scope = practiceIds
    ? sql`and practice_id in (${sql.join(
        practiceIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const result = await tx.execute<{ largest: number | null }>(
    sql`select max(offset_minutes)::int as largest from practice_notification_settings, unnest(reminder_offsets_minutes) as offset_minutes where reminders_enabled ${scope}`,
  );
  return Math.max(result.rows[0]?.largest ?? 0, ...DEFAULT_REMINDER_OFFSETS_MINUTES);
}

export interface ReminderKey {
  practiceId: string;
  appointmentId: string;
  offsetMinutes: number;
  startsAt: Date;
}

function keyText(key: ReminderKey): string {
  return `${key.practiceId}|${key.appointmentId}|${key.offsetMinutes}|${key.startsAt.getTime()}`;
}

/** Which of these reminders the job already handled (any outcome). Platform-wide read for the job. */
export async function findHandledReminders(tx: Transaction, keys: readonly ReminderKey[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx
    .select({
      practiceId: appointmentReminders.practiceId,
      appointmentId: appointmentReminders.appointmentId,
      offsetMinutes: appointmentReminders.offsetMinutes,
      startsAt: appointmentReminders.startsAt,
    })
    .from(appointmentReminders)
    .where(
      and(
        inArray(appointmentReminders.practiceId, [...new Set(keys.map((key) => key.practiceId))]),
        inArray(appointmentReminders.appointmentId, [...new Set(keys.map((key) => key.appointmentId))]),
      ),
    );
  const handled = new Set(rows.map(keyText));
  return new Set(keys.filter((key) => handled.has(keyText(key))).map(keyText));
}

export function reminderKeyText(key: ReminderKey): string {
  return keyText(key);
}

/** Records what the job did with a reminder; false when another run recorded it first. */
export async function recordReminderOutcome(
  tx: Transaction,
  practiceId: string,
  reminder: {
    appointmentId: string;
    offsetMinutes: number;
    startsAt: Date;
    outcome: ReminderOutcome;
    channel?: 'email' | 'sms' | null;
    messageId?: string | null;
    reason?: string | null;
    now: Date;
  },
): Promise<boolean> {
  const rows = await tx
    .insert(appointmentReminders)
    .values({
      practiceId,
      appointmentId: reminder.appointmentId,
      offsetMinutes: reminder.offsetMinutes,
      startsAt: reminder.startsAt,
      outcome: reminder.outcome,
      channel: reminder.channel ?? null,
      messageId: reminder.messageId ?? null,
      reason: reminder.reason?.slice(0, 500) ?? null,
      createdAt: reminder.now,
    })
    .onConflictDoNothing()
    .returning({ appointmentId: appointmentReminders.appointmentId });
  return rows.length > 0;
}

import type { NotificationSettings, UpdateNotificationSettingsRequest } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { PreconditionFailedError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as reminders from './reminder-repository.ts';
import type { ReminderSettingsRecord } from './reminder-repository.ts';

function toSettings(record: ReminderSettingsRecord): NotificationSettings {
  return {
    remindersEnabled: record.remindersEnabled,
    reminderOffsetsMinutes: record.reminderOffsetsMinutes,
    isDefault: record.isDefault,
    updatedAt: record.updatedAt?.toISOString() ?? null,
    version: record.version,
  };
}

/** Settings → Reminders: whether and when the practice's patients are reminded of appointments. */
export function createNotificationSettingsService(deps: { database: Database; clock: Clock }) {
  const { database, clock } = deps;
  return {
    async getSettings(actor: StaffActor): Promise<NotificationSettings> {
      return inPractice(database, actor.practiceId, async (tx) => toSettings(await reminders.findReminderSettings(tx, actor.practiceId)));
    },

    /** Applies to reminders not yet queued; reminders already queued stay as they are. */
    async updateSettings(
      actor: StaffActor,
      settings: UpdateNotificationSettingsRequest,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<NotificationSettings> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const before = await reminders.findReminderSettings(tx, actor.practiceId);
        if (expectedVersion !== undefined && expectedVersion !== before.version) throw new PreconditionFailedError();
        const saved = await reminders.saveReminderSettings(tx, actor.practiceId, settings, actor.staffId, clock.now());
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actorType: 'staff',
          actorId: actor.staffId,
          actorLabel: actor.email,
          action: 'notification_settings.update',
          objectType: 'notification_settings',
          objectId: actor.practiceId,
          ip: meta.ip,
          requestId: meta.requestId,
          details: {
            before: { remindersEnabled: before.remindersEnabled, reminderOffsetsMinutes: before.reminderOffsetsMinutes },
            after: { remindersEnabled: saved.remindersEnabled, reminderOffsetsMinutes: saved.reminderOffsetsMinutes },
          },
        });
        return toSettings(saved);
      });
    },
  };
}

export type NotificationSettingsService = ReturnType<typeof createNotificationSettingsService>;

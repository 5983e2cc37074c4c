import type {
  BookingPortalSettings,
  CreatePortalBannerRequest,
  PortalBanner,
  UpdateBookingPortalSettingsRequest,
  UpdatePortalBannerRequest,
} from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PracticeSettingsService } from '../identity/index.ts';
import * as repository from './booking-portal-repository.ts';
import type { BookingPortalSettingsRecord, PortalBannerRecord } from './booking-portal-repository.ts';
import { isBannerShowing, localDateIn } from './booking-portal-rules.ts';

/** More banners than a practice could schedule sensibly; the list stays one screen. */
export const MAX_BANNERS = 50;

function toSettings(record: BookingPortalSettingsRecord): BookingPortalSettings {
  return {
    importantReminders: record.importantReminders,
    patientActions: record.patientActions,
    isDefault: record.isDefault,
    updatedAt: record.updatedAt?.toISOString() ?? null,
    version: record.version,
  };
}

function toBanner(record: PortalBannerRecord, today: string): PortalBanner {
  return {
    id: record.id,
    body: record.body,
    startsOn: record.startsOn,
    endsOn: record.endsOn,
    enabled: record.enabled,
    showingNow: isBannerShowing(record, today),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    version: record.version,
  };
}

function bannerFields(record: PortalBannerRecord) {
  return { body: record.body, startsOn: record.startsOn, endsOn: record.endsOn, enabled: record.enabled };
}

/**
 * Settings → Booking Portal: the Important Reminders and promotional banners every patient
 * sees on the portal's dashboard, and how long before an appointment patients may confirm,
 * reschedule or cancel it there. Owners and admins change them; every change is audited.
 */
export function createBookingPortalService(deps: {
  database: Database;
  clock: Clock;
  practiceSettings: Pick<PracticeSettingsService, 'getPracticeSettings'>;
}) {
  const { database, clock } = deps;

  function audit(
    tx: Transaction,
    actor: StaffActor,
    meta: RequestMeta,
    action: string,
    objectId: string,
    details: Record<string, unknown>,
  ) {
    return recordAudit(tx, {
      practiceId: actor.practiceId,
      actorType: 'staff',
      actorId: actor.staffId,
      actorLabel: actor.email,
      action,
      objectType: action.startsWith('portal_banner') ? 'portal_banner' : 'portal_settings',
      objectId,
      ip: meta.ip,
      requestId: meta.requestId,
      details,
    });
  }

  async function todayOf(actor: StaffActor): Promise<string> {
    const practice = await deps.practiceSettings.getPracticeSettings(actor);
    return localDateIn(practice.timezone, clock.now());
  }

  async function changeBanner(actor: StaffActor, bannerId: string, changes: UpdatePortalBannerRequest, meta: RequestMeta) {
    const today = await todayOf(actor);
    return inPractice(database, actor.practiceId, async (tx) => {
      const before = await repository.findBanner(tx, actor.practiceId, bannerId, { forUpdate: true });
      if (!before) throw new NotFoundError('Banner', 'bannerId');
      const startsOn = changes.startsOn ?? before.startsOn;
      const endsOn = changes.endsOn ?? before.endsOn;
      if (endsOn < startsOn) throw new ValidationError('The end date is before the start date.', { field: 'endsOn' });
      const after = await repository.updateBanner(tx, actor.practiceId, bannerId, changes, clock.now());
      await audit(tx, actor, meta, 'portal_banner.update', bannerId, { before: bannerFields(before), after: bannerFields(after) });
      return toBanner(after, today);
    });
  }

  return {
    async getSettings(actor: StaffActor): Promise<BookingPortalSettings> {
      return inPractice(database, actor.practiceId, async (tx) =>
        toSettings(await repository.findBookingPortalSettings(tx, actor.practiceId)),
      );
    },

    async updateSettings(
      actor: StaffActor,
      input: UpdateBookingPortalSettingsRequest,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<BookingPortalSettings> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const before = await repository.findBookingPortalSettings(tx, actor.practiceId);
        if (expectedVersion !== undefined && expectedVersion !== before.version) throw new PreconditionFailedError();
        const saved = await repository.saveBookingPortalSettings(tx, actor.practiceId, input, actor.staffId, clock.now());
        await audit(tx, actor, meta, 'portal_settings.update', actor.practiceId, {
          before: { importantReminders: before.importantReminders, patientActions: before.patientActions },
          after: { importantReminders: saved.importantReminders, patientActions: saved.patientActions },
        });
        return toSettings(saved);
      });
    },

    async listBanners(actor: StaffActor): Promise<PortalBanner[]> {
      const today = await todayOf(actor);
      return inPractice(database, actor.practiceId, async (tx) =>
        (await repository.listBanners(tx, actor.practiceId)).map((banner) => toBanner(banner, today)),
      );
    },

    async createBanner(actor: StaffActor, input: CreatePortalBannerRequest, meta: RequestMeta): Promise<PortalBanner> {
      const today = await todayOf(actor);
      return inPractice(database, actor.practiceId, async (tx) => {
        if ((await repository.countBanners(tx, actor.practiceId)) >= MAX_BANNERS) {
          throw new ConflictError(`A practice keeps at most ${MAX_BANNERS} banners; delete old ones first.`, 'too_many_banners');
        }
        const banner = await repository.insertBanner(tx, actor.practiceId, input, actor.staffId, clock.now());
        await audit(tx, actor, meta, 'portal_banner.create', banner.id, { after: bannerFields(banner) });
        return toBanner(banner, today);
      });
    },

    updateBanner: changeBanner,

    async deleteBanner(actor: StaffActor, bannerId: string, meta: RequestMeta): Promise<void> {
      await inPractice(database, actor.practiceId, async (tx) => {
        const before = await repository.findBanner(tx, actor.practiceId, bannerId, { forUpdate: true });
        if (!before) throw new NotFoundError('Banner', 'bannerId');
        await repository.deleteBanner(tx, actor.practiceId, bannerId);
        await audit(tx, actor, meta, 'portal_banner.delete', bannerId, { before: bannerFields(before) });
      });
    },
  };
}

export type BookingPortalService = ReturnType<typeof createBookingPortalService>;

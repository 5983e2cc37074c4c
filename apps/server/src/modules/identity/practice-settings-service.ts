import { practiceSlugSchema } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { constraintOf, sqlStateOf, type Database, type Transaction } from '../../platform/database.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { asPlatform, inPractice } from '../../platform/tenancy.ts';
import * as repository from './practice-settings-repository.ts';
import type { PracticeSettingsChanges, PracticeSettingsRecord } from './practice-settings-repository.ts';

export type { PracticeSettingsChanges, PracticeSettingsRecord };

/** True when the practice lets providers act on every appointment and see every client, read in the caller's transaction. */
export function providersManageAllAppointmentsWithin(tx: Transaction, practiceId: string): Promise<boolean> {
  return repository.findProvidersManageAllAppointments(tx, practiceId);
}

/** The practice's own settings: its name, time zone, portal address (slug) and what providers may do. */
/** The practice's portal and booking-page slug, or null until the owner chooses one. */
export async function practiceSlugWithin(tx: Transaction, practiceId: string): Promise<string | null> {
  return (await repository.findPracticeSettings(tx, practiceId))?.slug ?? null;
}

/** The practice's IANA time zone: what "today" means for its expiry dates. */
export async function practiceTimeZoneWithin(tx: Transaction, practiceId: string): Promise<string> {
  const practice = await repository.findPracticeSettings(tx, practiceId);
  if (!practice) throw new Error(`practice ${practiceId} not found`);
  return practice.timezone;
}

export function createPracticeSettingsService(database: Database) {
  /**
   * Changes the settings sent. The slug (the portal and booking page's address) is the
   * owner's to change and another practice's slug is a 409; whether providers manage every
   * appointment is the owner's or an admin's. Audited with the values before and after.
   */
  async function updatePracticeSettings(
    actor: StaffActor,
    changes: PracticeSettingsChanges,
    meta: RequestMeta,
  ): Promise<PracticeSettingsRecord> {
    if (changes.slug !== undefined && actor.role !== 'owner') {
      throw new ForbiddenError('Only an owner can change the portal address.', 'owner_role_required');
    }
    if (actor.role !== 'owner' && actor.role !== 'admin') {
      throw new ForbiddenError('Only an owner or an admin can change practice settings.', 'manager_role_required');
    }
    const changedFields = (Object.keys(changes) as (keyof PracticeSettingsChanges)[]).filter((key) => changes[key] !== undefined);
    try {
      return await inPractice(database, actor.practiceId, async (tx) => {
        const before = await repository.findPracticeSettings(tx, actor.practiceId);
        if (!before) throw new NotFoundError('Practice');
        const after = await repository.updatePracticeSettings(tx, actor.practiceId, changes);
        if (!after) throw new NotFoundError('Practice');
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actorType: 'staff',
          actorId: actor.staffId,
          actorLabel: actor.email,
          action: 'practice.update',
          objectType: 'practice',
          objectId: actor.practiceId,
          ip: meta.ip,
          requestId: meta.requestId,
          details: {
            before: Object.fromEntries(changedFields.map((key) => [key, before[key]])),
            after: Object.fromEntries(changedFields.map((key) => [key, after[key]])),
          },
        });
        return after;
      });
    } catch (error) {
      if (sqlStateOf(error) === '23505' && constraintOf(error) === 'practices_slug_key') {
        throw new ConflictError('Another practice already uses this portal address.', 'slug_taken', { field: 'slug' });
      }
      throw error;
    }
  }

  return {
    async getPracticeSettings(actor: StaffActor): Promise<PracticeSettingsRecord> {
      const settings = await inPractice(database, actor.practiceId, (tx) => repository.findPracticeSettings(tx, actor.practiceId));
      if (!settings) throw new NotFoundError('Practice');
      return settings;
    },

    updatePracticeSettings,

    /** Sets the slug of the portal and booking page; another practice's slug is a 409. Owners only. */
    async changePracticeSlug(actor: StaffActor, slug: string, meta: RequestMeta): Promise<PracticeSettingsRecord> {
      return updatePracticeSettings(actor, { slug }, meta);
    },

    /** The practice's settings, for a caller already inside it (a signed-in patient's portal). */
    async findPracticeSettingsOf(practiceId: string): Promise<PracticeSettingsRecord | undefined> {
      return inPractice(database, practiceId, (tx) => repository.findPracticeSettings(tx, practiceId));
    },

    /**
     * The practice at a portal or booking-page address, or undefined. Anyone may ask (the
     * sign-in page needs the practice's name), so it reads outside any practice.
     */
    async findPracticeBySlug(slug: string): Promise<PracticeSettingsRecord | undefined> {
      const parsed = practiceSlugSchema.safeParse(slug);
      if (!parsed.success) return undefined;
      return asPlatform(database, (tx) => repository.findPracticeBySlug(tx, parsed.data));
    },
  };
}

export type PracticeSettingsService = ReturnType<typeof createPracticeSettingsService>;

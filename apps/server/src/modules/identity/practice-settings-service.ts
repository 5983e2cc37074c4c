import { practiceSlugSchema } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { constraintOf, sqlStateOf, type Database } from '../../platform/database.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { asPlatform, inPractice } from '../../platform/tenancy.ts';
import * as repository from './practice-settings-repository.ts';
import type { PracticeSettingsRecord } from './practice-settings-repository.ts';

export type { PracticeSettingsRecord };

/** The practice's own settings: today its name, time zone and portal address (slug). */
export function createPracticeSettingsService(database: Database) {
  return {
    async getPracticeSettings(actor: StaffActor): Promise<PracticeSettingsRecord> {
      const settings = await inPractice(database, actor.practiceId, (tx) => repository.findPracticeSettings(tx, actor.practiceId));
      if (!settings) throw new NotFoundError('Practice');
      return settings;
    },

    /** Sets the slug of the portal and booking page; another practice's slug is a 409. Owners only. */
    async changePracticeSlug(actor: StaffActor, slug: string, meta: RequestMeta): Promise<PracticeSettingsRecord> {
      if (actor.role !== 'owner') throw new ForbiddenError('Only an owner can change the portal address.', 'owner_role_required');
      try {
        return await inPractice(database, actor.practiceId, async (tx) => {
          const before = await repository.findPracticeSettings(tx, actor.practiceId);
          if (!before) throw new NotFoundError('Practice');
          const after = await repository.updatePracticeSlug(tx, actor.practiceId, slug);
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
            details: { before: { slug: before.slug }, after: { slug: after.slug } },
          });
          return after;
        });
      } catch (error) {
        if (sqlStateOf(error) === '23505' && constraintOf(error) === 'practices_slug_key') {
          throw new ConflictError('Another practice already uses this portal address.', 'slug_taken', { field: 'slug' });
        }
        throw error;
      }
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

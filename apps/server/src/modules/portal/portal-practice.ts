import { NotFoundError } from '../../platform/errors.ts';
import type { PracticeSettingsRecord, PracticeSettingsService } from '../identity/index.ts';

export type PortalPracticeDirectory = Pick<PracticeSettingsService, 'findPracticeBySlug'>;

/** The practice at a portal address, or a 404 naming the slug. */
export async function findPortalPractice(practices: PortalPracticeDirectory, slug: string): Promise<PracticeSettingsRecord> {
  const practice = await practices.findPracticeBySlug(slug);
  if (!practice) throw new NotFoundError('Practice', 'slug');
  return practice;
}

import type { UpdatePortalProfile } from '@glowdesk/contracts';

/** What a Profile form says after its last save: saved, or refused over a newer version. */
export type SectionNotice = 'saved' | 'stale';

export const STALE_MESSAGE =
  'The clinic updated this profile while you were editing. The latest details are shown; make your change again.';

/**
 * One form's way to save, owned by the page: a saved or refused change reloads the profile and
 * the form starts again from it, so what the last save came to lives above the form.
 */
export interface SectionSave {
  notice: SectionNotice | undefined;
  /** The refusal of this form's last save (field errors name e.g. `address.city`). */
  error: unknown;
  saving: boolean;
  save: (changes: UpdatePortalProfile) => void;
  clearNotice: () => void;
}

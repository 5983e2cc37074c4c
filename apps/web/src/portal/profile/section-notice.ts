/** What a Profile form says after its last save: saved, or refused over a newer version. */
export type SectionNotice = 'saved' | 'stale';

export const STALE_MESSAGE =
  'The clinic updated this profile while you were editing. The latest details are shown; make your change again.';

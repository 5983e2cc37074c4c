import type { Config } from '../../platform/config.ts';

/** What the portal's sign-in and sessions take from the configuration. */
export type PortalSettings = Pick<
  Config,
  | 'portalSessionIdleMinutes'
  | 'portalSessionAbsoluteHours'
  | 'portalCodeResendSeconds'
  | 'portalCodeSendsPerContactPerHour'
  | 'portalCodeSendsPerIpPerHour'
  | 'production'
>;

/** A sign-in code is valid this long. */
export const CODE_VALID_MS = 10 * 60_000;
/** Checks one code may take, right or wrong; the next one needs a new code. */
export const CODE_MAX_TRIES = 5;
/** Date-of-birth and last-name answers one waiting session may give. */
export const IDENTIFY_MAX_TRIES = 5;
/** How long a session waits for identify after the code was right. */
export const IDENTIFY_WINDOW_MS = 10 * 60_000;

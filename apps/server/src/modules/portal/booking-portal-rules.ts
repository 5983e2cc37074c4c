import type { PortalActionWindow, PortalActionWindows } from '@glowdesk/contracts';

/**
 * A practice that has not saved its Booking Portal settings: patients may confirm until the
 * appointment starts, and reschedule or cancel until 24 hours before (the usual cancellation
 * window, so a portal change never lands inside it unannounced).
 */
export const DEFAULT_PORTAL_ACTION_WINDOWS: PortalActionWindows = {
  confirm: { enabled: true, closesHoursBefore: 0 },
  reschedule: { enabled: true, closesHoursBefore: 24 },
  cancel: { enabled: true, closesHoursBefore: 24 },
};

export type PortalAction = keyof PortalActionWindows;

/** The statuses each portal action applies to. */
const ACTION_STATUSES: Record<PortalAction, readonly string[]> = {
  confirm: ['booked'],
  reschedule: ['booked', 'confirmed'],
  cancel: ['booked', 'confirmed'],
};

/** Whether the window is still open for an appointment starting at `startsAt`, at `now`. */
export function isWindowOpen(window: PortalActionWindow, startsAt: Date, now: Date): boolean {
  return window.enabled && now.getTime() < startsAt.getTime() - window.closesHoursBefore * 3_600_000;
}

/** What a patient may do with an appointment in the portal now. */
export function openPortalActions(
  windows: PortalActionWindows,
  appointment: { status: string; startsAt: Date },
  now: Date,
): Record<PortalAction, boolean> {
  const allowed = (action: PortalAction) =>
    ACTION_STATUSES[action].includes(appointment.status) && isWindowOpen(windows[action], appointment.startsAt, now);
  return { confirm: allowed('confirm'), reschedule: allowed('reschedule'), cancel: allowed('cancel') };
}

/** Why an action's window refuses, for the patient: what the practice allows and whom to call. */
export function closedWindowMessage(action: PortalAction, window: PortalActionWindow): string {
  const verb = { confirm: 'confirmed', reschedule: 'rescheduled', cancel: 'cancelled' }[action];
  if (!window.enabled) return `Appointments cannot be ${verb} online at this practice; please call the clinic.`;
  if (window.closesHoursBefore === 0) return `This appointment has already started, so it can no longer be ${verb} online.`;
  return `Appointments can be ${verb} online until ${window.closesHoursBefore} hours before they start; please call the clinic.`;
}

/** Why a new time is refused for a reschedule: it must itself be outside the reschedule window. */
export function earliestNewStartMessage(window: PortalActionWindow): string {
  if (window.closesHoursBefore === 0) return 'Choose a time later than now.';
  return `Choose a time at least ${window.closesHoursBefore} hours from now; closer to the start, please call the clinic.`;
}

/** Whether the date (YYYY-MM-DD) is within a banner's first and last day. */
export function isBannerShowing(banner: { enabled: boolean; startsOn: string; endsOn: string }, today: string): boolean {
  return banner.enabled && banner.startsOn <= today && today <= banner.endsOn;
}

/** Today's date in a time zone, as YYYY-MM-DD. */
export function localDateIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

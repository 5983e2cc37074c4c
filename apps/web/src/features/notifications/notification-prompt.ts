import type { Appointment, AppointmentNotificationKind } from '@glowdesk/contracts';
import { useSyncExternalStore } from 'react';

/** What the pop-up needs to know about the appointment whose news it offers to send. */
export type PromptedAppointment = Pick<Appointment, 'id' | 'kind' | 'patient' | 'start' | 'end' | 'timeZone' | 'services'>;

export interface NotificationPrompt {
  appointment: PromptedAppointment;
  kind: Exclude<AppointmentNotificationKind, 'paperwork_request'>;
}

/** Waiting prompts, the one on screen first: two quick drags each get their answer. */
let queue: readonly NotificationPrompt[] = [];
const listeners = new Set<() => void>();

function publish(next: readonly NotificationPrompt[]): void {
  queue = next;
  for (const listener of listeners) listener();
}

/**
 * After a booking, a reschedule or a cancellation made at the desk, asks whether to tell
 * the patient ("Send Notification" / "Don't Send Notification"). Like Mantine's
 * `notifications.show`, it may be called from anywhere (a mutation's callback, after the
 * form that made the change has closed); `AppointmentNotificationHost` shows the pop-up.
 * Out-of-office blocks have nobody to tell and are ignored.
 */
export function askToNotifyPatient(appointment: PromptedAppointment, kind: NotificationPrompt['kind']): void {
  if (appointment.kind !== 'appointment' || appointment.patient === null) return;
  const prompt = { appointment, kind };
  // A later change to an appointment already waiting replaces its prompt: only its latest news matters.
  // A fee receipt is news of its own: it neither replaces nor is replaced by the appointment's.
  const waiting =
    kind === 'fee_charged' ? -1 : queue.findIndex((queued) => queued.appointment.id === appointment.id && queued.kind !== 'fee_charged');
  publish(waiting === -1 ? [...queue, prompt] : queue.map((queued, index) => (index === waiting ? prompt : queued)));
}

/** Closes the prompt on screen; the next one waiting, if any, opens. */
export function dismissNotificationPrompt(): void {
  publish(queue.slice(1));
}

/** Forgets every waiting prompt (the staff member signed out). */
export function clearNotificationPrompts(): void {
  publish([]);
}

/** The prompt on screen, if any. */
export function currentNotificationPrompt(): NotificationPrompt | null {
  return queue[0] ?? null;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The pop-up waiting for an answer, if any. */
export function useNotificationPrompt(): NotificationPrompt | null {
  return useSyncExternalStore(subscribe, currentNotificationPrompt, () => null);
}

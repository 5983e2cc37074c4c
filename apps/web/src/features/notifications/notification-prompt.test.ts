import { afterEach, describe, expect, it } from 'vitest';
import {
  askToNotifyPatient,
  clearNotificationPrompts,
  currentNotificationPrompt,
  dismissNotificationPrompt,
  type PromptedAppointment,
} from './notification-prompt.ts';

function appointment(id: string, overrides: Partial<PromptedAppointment> = {}): PromptedAppointment {
  return {
    id,
    kind: 'appointment',
    patient: { id: `patient-${id}`, firstName: 'Ava', lastName: 'Stone' } as PromptedAppointment['patient'],
    start: '2026-03-10T14:00:00Z',
    end: '2026-03-10T15:00:00Z',
    timeZone: 'America/New_York',
    services: [],
    ...overrides,
  };
}

afterEach(clearNotificationPrompts);

describe('the notification prompt queue', () => {
  it('shows prompts one after another, in the order they were asked for', () => {
    askToNotifyPatient(appointment('a'), 'confirmation');
    askToNotifyPatient(appointment('b'), 'reschedule');
    expect(currentNotificationPrompt()?.appointment.id).toBe('a');
    dismissNotificationPrompt();
    expect(currentNotificationPrompt()).toMatchObject({ appointment: { id: 'b' }, kind: 'reschedule' });
    dismissNotificationPrompt();
    expect(currentNotificationPrompt()).toBeNull();
  });

  it('keeps one prompt per appointment, with its latest news', () => {
    askToNotifyPatient(appointment('a'), 'reschedule');
    askToNotifyPatient(appointment('b'), 'confirmation');
    askToNotifyPatient(appointment('a', { start: '2026-03-11T14:00:00Z' }), 'cancellation');
    expect(currentNotificationPrompt()).toMatchObject({ appointment: { id: 'a', start: '2026-03-11T14:00:00Z' }, kind: 'cancellation' });
    dismissNotificationPrompt();
    expect(currentNotificationPrompt()?.appointment.id).toBe('b');
  });

  it('never asks about out-of-office blocks or appointments without a patient', () => {
    askToNotifyPatient(appointment('lunch', { kind: 'out_of_office', patient: null }), 'confirmation');
    askToNotifyPatient(appointment('walk-in', { patient: null }), 'confirmation');
    expect(currentNotificationPrompt()).toBeNull();
  });

  it('keeps a fee receipt beside the appointment’s own news instead of replacing it', () => {
    askToNotifyPatient(appointment('a'), 'cancellation');
    askToNotifyPatient(appointment('a'), 'fee_charged');
    expect(currentNotificationPrompt()).toMatchObject({ appointment: { id: 'a' }, kind: 'cancellation' });
    dismissNotificationPrompt();
    expect(currentNotificationPrompt()).toMatchObject({ appointment: { id: 'a' }, kind: 'fee_charged' });
  });
});

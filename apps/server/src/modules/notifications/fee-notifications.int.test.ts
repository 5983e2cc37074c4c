import type { NotifyAppointmentResult, NotifyPreview } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { bookWithCard, createFeePractice, createSalesTestApp, post, type FeePractice } from '../sales/sales-test-support.ts';
import { readMessage } from './notifications-test-helpers.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createSalesTestApp({ clock });

/** Today 10:00 in New York: a no-show can be marked today. */
const TODAY = '2026-03-02T15:00:00Z';
/** Tomorrow 08:00 in New York: inside the 24-hour cancellation window. */
const LATE = '2026-03-03T13:00:00Z';

async function preview(setup: FeePractice, appointmentId: string, kind?: string) {
  return app.inject({
    method: 'GET',
    url: `/api/v1/appointments/${appointmentId}/notify-preview${kind ? `?kind=${kind}` : ''}`,
    headers: setup.practice.owner.headers,
  });
}

async function notify(setup: FeePractice, appointmentId: string, payload: Record<string, unknown>) {
  return post(app, `/api/v1/appointments/${appointmentId}/notify`, setup.practice.owner.headers, payload);
}

describe('no-show and fee messages', () => {
  it('offers the no-show message after a no-show, naming the fee charged, without a calendar invite', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    const marked = await post(app, `/api/v1/appointments/${id}/no-show`, setup.practice.owner.headers, { chargeFee: true });
    expect(marked.statusCode, marked.body).toBe(200);

    const response = await preview(setup, id);
    expect(response.statusCode, response.body).toBe(200);
    const message = response.json<NotifyPreview>();
    expect(message).toMatchObject({ kind: 'no_show', email: { subject: `We missed you at ${setup.clinic.name}`, attachments: [] } });
    expect(message.email.textBody).toContain('a missed-appointment fee of $40.00 applies');

    const sent = await notify(setup, id, { channels: ['email'], kind: 'no_show' });
    expect(sent.statusCode, sent.body).toBe(200);
    const result = sent.json<NotifyAppointmentResult>();
    const stored = await readMessage(app, setup.practice, result.messages[0]?.messageId ?? '');
    expect(stored).toMatchObject({ templateKey: 'no_show', to: 'grace@example.com' });
    expect(stored.attachments).toEqual([]);
  });

  it('leaves the fee out of the no-show message when none was charged', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    await post(app, `/api/v1/appointments/${id}/no-show`, setup.practice.owner.headers, { chargeFee: false });
    const message = (await preview(setup, id, 'no_show')).json<NotifyPreview>();
    expect(message.email.textBody).toContain('We missed you');
    expect(message.email.textBody).not.toContain('missed-appointment fee');
  });

  it('sends a receipt for a late-cancellation fee, and refuses one when no fee was charged', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: LATE });
    const cancelled = await post(app, `/api/v1/appointments/${id}/cancel`, setup.practice.owner.headers, {
      reason: 'Patient is ill',
      chargeFee: true,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const receipt = (await preview(setup, id, 'fee_charged')).json<NotifyPreview>();
    expect(receipt).toMatchObject({ kind: 'fee_charged', email: { subject: `Receipt: $25.00 charged by ${setup.clinic.name}` } });
    expect(receipt.sms.textBody).toContain('a fee of $25.00 (late cancellation or rescheduling) was charged');
    // The cancellation itself is still what the pop-up offers by default.
    expect((await preview(setup, id)).json<NotifyPreview>().kind).toBe('cancellation');

    const free = await bookWithCard(app, setup, { start: '2026-03-05T15:00:00Z' });
    const refused = await notify(setup, free, { channels: ['email'], kind: 'fee_charged' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'no_fee_charged', field: 'kind' });
  });

  it('refuses the no-show message for an appointment that is not a no-show', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    const refused = await notify(setup, id, { channels: ['email'], kind: 'no_show' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'invalid_status', field: 'kind' });
  });
});

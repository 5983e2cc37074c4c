import { randomUUID } from 'node:crypto';
import type { NotifyPreview } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.ts';
import { book, createBookablePractice, type BookablePractice } from '../appointments/appointments-test-builders.ts';
import { attachPaperwork, createQuestionnaire } from '../paperwork/paperwork-test-builders.ts';

const { app } = await createTestApp({ config: { publicBaseUrl: 'https://glow.example.com' } });

async function confirmationPreviewWithForms(setup: BookablePractice): Promise<NotifyPreview> {
  const questionnaire = await createQuestionnaire(app, setup.practice, { name: 'Medical history' });
  await attachPaperwork(app, setup.practice, setup.consultation.id, [questionnaire.id]);
  const booked = await book(app, setup, { start: new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/T.*/, 'T15:00:00Z') });
  expect(booked.statusCode, booked.body).toBe(201);
  const preview = await app.inject({
    method: 'GET',
    url: `/api/v1/appointments/${booked.json<{ id: string }>().id}/notify-preview?kind=confirmation`,
    headers: setup.practice.owner.headers,
  });
  expect(preview.statusCode, preview.body).toBe(200);
  return preview.json<NotifyPreview>();
}

describe('the patient portal link in messages ({{portalLink}})', () => {
  it('points at the practice’s own portal address once the owner has chosen one', async () => {
    const setup = await createBookablePractice(app);
    const slug = `glow-${randomUUID().slice(0, 8)}`;
    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: setup.practice.owner.headers,
      payload: { slug },
    });
    expect(changed.statusCode, changed.body).toBe(200);

    const preview = await confirmationPreviewWithForms(setup);

    expect(preview.email.textBody).toContain(`You can complete them in your patient portal: https://glow.example.com/portal/${slug}`);
    expect(preview.sms.textBody).toContain(`https://glow.example.com/portal/${slug}`);
  });

  it('is left out, with its sentence, while the practice has no portal address', async () => {
    const setup = await createBookablePractice(app);

    const preview = await confirmationPreviewWithForms(setup);

    expect(preview.email.textBody).toContain('Medical history');
    expect(preview.email.textBody).not.toMatch(/portal/i);
    expect(preview.sms.textBody).not.toMatch(/portal|https:/i);
  });
});

/** Builders for paperwork tests (never imported by the app): each posts as the practice owner and expects success. */
import type { PaperworkAssignment, PaperworkTemplate } from '@glowdesk/contracts';
import { expect } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import type { TestPractice } from '../../testing/test-app.ts';

let sequence = 0;

async function createTemplate(app: GlowdeskApp, practice: TestPractice, payload: Record<string, unknown>): Promise<PaperworkTemplate> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/paperwork-templates', headers: practice.owner.headers, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<PaperworkTemplate>();
}

export function createConsent(
  app: GlowdeskApp,
  practice: TestPractice,
  overrides: Record<string, unknown> = {},
): Promise<PaperworkTemplate> {
  sequence += 1;
  return createTemplate(app, practice, {
    kind: 'consent',
    name: `Botox consent ${sequence}`,
    body: 'I understand the risks of botulinum toxin injections, including bruising and asymmetry.',
    ...overrides,
  });
}

export function createQuestionnaire(
  app: GlowdeskApp,
  practice: TestPractice,
  overrides: Record<string, unknown> = {},
): Promise<PaperworkTemplate> {
  sequence += 1;
  return createTemplate(app, practice, {
    kind: 'questionnaire',
    name: `Medical history ${sequence}`,
    questions: [
      { label: 'Are you pregnant or breastfeeding?', type: 'yes_no', required: true },
      { label: 'List your current medications', type: 'long_text' },
    ],
    ...overrides,
  });
}

export function createInstructions(
  app: GlowdeskApp,
  practice: TestPractice,
  overrides: Record<string, unknown> = {},
): Promise<PaperworkTemplate> {
  sequence += 1;
  return createTemplate(app, practice, {
    kind: 'instructions',
    name: `Before your laser treatment ${sequence}`,
    body: '**Avoid the sun** for two weeks.\n\n- Shave the area the day before\n- No self-tanner',
    ...overrides,
  });
}

export async function attachPaperwork(app: GlowdeskApp, practice: TestPractice, serviceId: string, templateIds: string[]): Promise<void> {
  const response = await app.inject({
    method: 'PUT',
    url: `/api/v1/services/${serviceId}/paperwork`,
    headers: practice.owner.headers,
    payload: { templateIds },
  });
  expect(response.statusCode, response.body).toBe(200);
}

export async function assignPaperwork(app: GlowdeskApp, practice: TestPractice, appointmentId: string) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/appointments/${appointmentId}/paperwork/assign`,
    headers: practice.owner.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: PaperworkAssignment[]; created: number }>();
}

export async function appointmentPaperwork(
  app: GlowdeskApp,
  practice: TestPractice,
  appointmentId: string,
): Promise<PaperworkAssignment[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/appointments/${appointmentId}/paperwork`,
    headers: practice.owner.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: PaperworkAssignment[] }>().items;
}

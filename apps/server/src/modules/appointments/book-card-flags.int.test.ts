import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { attachPaperwork, createConsent } from '../paperwork/paperwork-test-builders.ts';
import { book, createBookablePractice, type BookablePractice } from './appointments-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createTestApp({ clock });

interface Listed {
  id: string;
  kind: string;
  patientIsNew?: boolean;
  formsOutstanding?: number;
}

async function listBook(setup: BookablePractice): Promise<Map<string, Listed>> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/appointments?clinicId=${setup.clinic.id}&from=2026-03-02T05:00:00Z&to=2026-03-09T05:00:00Z`,
    headers: setup.practice.owner.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return new Map(response.json<{ items: Listed[] }>().items.map((item) => [item.id, item]));
}

describe('what the book’s cards flag', () => {
  it('marks a patient new until one of their visits has taken place', async () => {
    const setup = await createBookablePractice(app);
    const first = (await book(app, setup, { start: '2026-03-02T16:00:00Z' })).json<{ id: string }>().id;
    const second = (await book(app, setup, { start: '2026-03-04T15:00:00Z' })).json<{ id: string }>().id;
    let listed = await listBook(setup);
    expect([listed.get(first)?.patientIsNew, listed.get(second)?.patientIsNew]).toEqual([true, true]);

    const checkIn = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${first}/check-in`,
      headers: setup.practice.owner.headers,
      payload: {},
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    listed = await listBook(setup);
    expect([listed.get(first)?.patientIsNew, listed.get(second)?.patientIsNew]).toEqual([true, false]);
  });

  it('counts the forms still waiting for the patient, and flags nothing on an out-of-office block', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id]);
    const visit = (await book(app, setup)).json<{ id: string }>().id;
    const block = await app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: setup.practice.owner.headers,
      payload: {
        kind: 'out_of_office',
        clinicId: setup.clinic.id,
        providerId: setup.providerB.id,
        start: '2026-03-03T17:00:00Z',
        end: '2026-03-03T18:00:00Z',
        title: 'Lunch',
      },
    });
    expect(block.statusCode, block.body).toBe(201);

    const listed = await listBook(setup);
    expect(listed.get(visit)).toMatchObject({ formsOutstanding: 1, patientIsNew: true });
    const listedBlock = listed.get(block.json<{ id: string }>().id);
    expect(listedBlock?.kind).toBe('out_of_office');
    expect(listedBlock?.formsOutstanding).toBeUndefined();
    expect(listedBlock?.patientIsNew).toBeUndefined();
  });
});

import type { MedicalHistory, MedicalHistoryReviewList } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { createTestApp, signIn } from '../testing/test-app.ts';
import { DEMO_PASSWORD, demoOwner } from './demo-staff.ts';
import { seedDemo } from './seed-demo.ts';

// The demo loads only into an empty installation: a fresh PGlite, on the real clock.
describe.skipIf(process.env.DATABASE_URL !== undefined)('the demo practice’s medical histories', async () => {
  const { app } = await createTestApp();

  it('has patients with medical histories, one with a change made in the portal waiting for review', { timeout: 180_000 }, async () => {
    expect((await seedDemo(app)).seeded).toBe(true);
    const headers = { cookie: await signIn(app, demoOwner.email, DEMO_PASSWORD) };
    const reviews = await app.inject({ method: 'GET', url: '/api/v1/medical-history/reviews', headers });
    expect(reviews.statusCode, reviews.body).toBe(200);
    const waiting = reviews.json<MedicalHistoryReviewList>().items;
    expect(waiting).toHaveLength(1);
    const history = await app.inject({ method: 'GET', url: `/api/v1/patients/${waiting[0]?.patient.id ?? ''}/medical-history`, headers });
    expect(history.json<MedicalHistory>()).toMatchObject({
      version: 2,
      needsReview: true,
      updatedBy: { kind: 'patient' },
      pregnancy: { status: 'breastfeeding' },
    });
  });
});

import type { Clinic } from '@glowdesk/contracts';
import { expect } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import { addCard, createPatient, type PaymentMethodBody } from '../billing/billing-test-support.ts';
import { createClinic } from '../practice/practice-test-builders.ts';
import { createTestPractice, signIn, type TestPractice } from '../../testing/test-app.ts';

export interface MembershipPractice {
  practice: TestPractice;
  clinic: Clinic;
  patientId: string;
  /** The patient's Visa, which pays. */
  visa: PaymentMethodBody;
  /** The patient's card that every charge declines. */
  declining: PaymentMethodBody;
}

/** A practice with a New York clinic and a patient with two cards on file (one always declined). */
export async function createMembershipPractice(app: GlowdeskApp, options: { timezone?: string } = {}): Promise<MembershipPractice> {
  const practice = await createTestPractice(app, { timezone: options.timezone ?? 'America/New_York' });
  const clinic = await createClinic(app, practice, { timezone: options.timezone ?? 'America/New_York' });
  const patientId = await createPatient(app, practice);
  const visa = await addCard(app, practice, patientId, 'pm_card_visa');
  const declining = await addCard(app, practice, patientId, 'pm_card_chargeDeclined');
  return { practice, clinic, patientId, visa, declining };
}

export async function createPlan(app: GlowdeskApp, setup: MembershipPractice, overrides: Record<string, unknown> = {}) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/membership-plans',
    headers: setup.practice.owner.headers,
    payload: {
      name: `Glow Club ${Math.random().toString(36).slice(2, 8)}`,
      monthlyPriceCents: 9_900,
      yearlyPriceCents: 99_000,
      signUpFeeCents: 2_500,
      minimumTermMonths: 6,
      clinicIds: [setup.clinic.id],
      soldOnline: true,
      ...overrides,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; name: string }>();
}

export async function enrol(app: GlowdeskApp, setup: MembershipPractice, body: Record<string, unknown>, patientId = setup.patientId) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/patients/${patientId}/memberships`,
    headers: setup.practice.owner.headers,
    payload: { interval: 'month', drawDay: 15, paymentMethodId: setup.visa.id, ...body },
  });
}

export interface MembershipBody {
  id: string;
  status: string;
  nextDrawDate: string | null;
  priceCents: number;
  cancelsOn: string | null;
  needsAttention: boolean;
  minimumTerm: { months: number; endsOn: string; paymentsRemaining: number };
  periods: {
    number: number;
    drawDate: string;
    status: string;
    amountCents: number;
    invoiceId: string | null;
    failedAttempts: number;
    nextRetryOn: string | null;
    payments: { status: string; amountCents: number }[];
  }[];
}

export async function getMembership(app: GlowdeskApp, setup: MembershipPractice, membershipId: string): Promise<MembershipBody> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/memberships/${membershipId}`, headers: setup.practice.owner.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<MembershipBody>();
}

export async function act(app: GlowdeskApp, setup: MembershipPractice, membershipId: string, action: string, payload: unknown = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/memberships/${membershipId}/${action}`,
    headers: setup.practice.owner.headers,
    payload: payload as Record<string, unknown>,
  });
}

/** One billing run over the test's practice only (tests share the database on PostgreSQL). */
export function billPractice(app: GlowdeskApp, setup: MembershipPractice, options: { throughDate?: string } = {}) {
  return app.services.memberships.billDueMemberships({ practiceIds: [setup.practice.practiceId], ...options });
}

/** Moves the test's clock and signs the owner in again (a session ends after its idle time on the moved clock). */
export async function moveClock(
  app: GlowdeskApp,
  clock: { set(instant: Date | string): void },
  setup: MembershipPractice,
  instant: string | Date,
): Promise<void> {
  clock.set(instant);
  const cookie = await signIn(app, setup.practice.owner.email);
  setup.practice.owner.cookie = cookie;
  setup.practice.owner.headers.cookie = cookie;
}

import type { Clinic, Provider, Resource, Service, ServicePackage } from '@glowdesk/contracts';
import { expect } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import type { TestPractice } from '../../testing/test-app.ts';

/** Builders for practice-setup tests: each posts through the API as the practice owner and expects success. */

async function post<T>(app: GlowdeskApp, practice: TestPractice, url: string, payload: Record<string, unknown>): Promise<T> {
  const response = await app.inject({ method: 'POST', url, headers: practice.owner.headers, payload });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(201);
  return response.json<T>();
}

let sequence = 0;
function nextNumber(): number {
  sequence += 1;
  return sequence;
}

export function createClinic(app: GlowdeskApp, practice: TestPractice, overrides: Record<string, unknown> = {}): Promise<Clinic> {
  return post(app, practice, '/api/v1/clinics', { name: `Clinic ${nextNumber()}`, timezone: 'America/New_York', ...overrides });
}

export function createResource(
  app: GlowdeskApp,
  practice: TestPractice,
  clinicId: string,
  overrides: Record<string, unknown> = {},
): Promise<Resource> {
  return post(app, practice, '/api/v1/resources', { clinicId, name: `Room ${nextNumber()}`, kind: 'room', quantity: 1, ...overrides });
}

export function createService(app: GlowdeskApp, practice: TestPractice, overrides: Record<string, unknown> = {}): Promise<Service> {
  return post(app, practice, '/api/v1/services', {
    name: `Service ${nextNumber()}`,
    durationMinutes: 60,
    priceCents: 10_000,
    ...overrides,
  });
}

export function createServicePackage(
  app: GlowdeskApp,
  practice: TestPractice,
  serviceIds: string[],
  overrides: Record<string, unknown> = {},
): Promise<ServicePackage> {
  return post(app, practice, '/api/v1/service-packages', { name: `Package ${nextNumber()}`, priceCents: 20_000, serviceIds, ...overrides });
}

/** A new staff member with the provider role, made bookable. */
export async function createProvider(app: GlowdeskApp, practice: TestPractice, overrides: Record<string, unknown> = {}): Promise<Provider> {
  const member = await practice.signInAs('provider', { displayName: `Provider ${nextNumber()}` });
  return post(app, practice, '/api/v1/providers', { staffId: member.id, ...overrides });
}

export async function replaceRules(
  app: GlowdeskApp,
  practice: TestPractice,
  providerId: string,
  clinicId: string,
  rules: Record<string, unknown>[],
): Promise<void> {
  const response = await app.inject({
    method: 'PUT',
    url: `/api/v1/providers/${providerId}/schedule-rules`,
    headers: practice.owner.headers,
    payload: { clinicId, rules },
  });
  expect(response.statusCode, response.body).toBe(200);
}

/** Rules for every weekday with the same hours. */
export function everyDay(start: string, end: string, extra: Record<string, unknown> = {}): Record<string, unknown>[] {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end, effectiveFrom: '2020-01-01', ...extra }));
}

import { describe, expect, it } from 'vitest';
import { createTestPractice } from '../../testing/test-app.ts';
import { createClinic } from '../practice/practice-test-builders.ts';
import { createSalesTestApp } from './sales-test-support.ts';

const { app } = await createSalesTestApp();

function settingsUrl(clinicId: string): string {
  return `/api/v1/clinics/${clinicId}/billing-settings`;
}

describe('a clinic’s billing settings', () => {
  it('start at a 24-hour window, no tax, and a default policy version 1', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const response = await app.inject({ method: 'GET', url: settingsUrl(clinic.id), headers: practice.owner.headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers.etag).toBe('"0"');
    expect(response.json()).toMatchObject({
      clinicId: clinic.id,
      cancellationWindowHours: 24,
      taxRateBps: 0,
      version: 0,
      updatedAt: null,
      cancellationPolicy: { version: 1, windowHours: 24, createdBy: null },
    });
    expect(response.json().cancellationPolicy.text).toContain('less than 24 hours');
  });

  it('version the policy on every change of text or window, not of the tax rate', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const put = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      app.inject({ method: 'PUT', url: settingsUrl(clinic.id), headers: { ...practice.owner.headers, ...headers }, payload });
    const window = await put({ cancellationWindowHours: 48 }, { 'if-match': '"0"' });
    expect(window.statusCode, window.body).toBe(200);
    expect(window.json().cancellationPolicy).toMatchObject({ version: 2, windowHours: 48, text: expect.stringContaining('48 hours') });
    const tax = await put({ taxRateBps: 875 });
    expect(tax.json()).toMatchObject({ taxRateBps: 875, cancellationPolicy: { version: 2 } });
    const text = await put({ cancellationPolicyText: 'Give us two days’ notice, or the fee applies.' });
    expect(text.json().cancellationPolicy).toMatchObject({
      version: 3,
      windowHours: 48,
      text: 'Give us two days’ notice, or the fee applies.',
      createdBy: practice.owner.id,
    });
    const stale = await put({ taxRateBps: 0 }, { 'if-match': window.headers.etag as string });
    expect(stale.statusCode).toBe(412);
    const history = (
      await app.inject({ method: 'GET', url: `/api/v1/clinics/${clinic.id}/cancellation-policies`, headers: practice.owner.headers })
    ).json();
    expect(history.items.map((policy: { version: number }) => policy.version)).toEqual([3, 2, 1]);
  });

  it('are read by all staff and changed by owners and admins', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const frontDesk = await practice.signInAs('front_desk');
    const provider = await practice.signInAs('provider');
    expect((await app.inject({ method: 'GET', url: settingsUrl(clinic.id), headers: provider.headers })).statusCode).toBe(200);
    const refused = await app.inject({
      method: 'PUT',
      url: settingsUrl(clinic.id),
      headers: frontDesk.headers,
      payload: { taxRateBps: 100 },
    });
    expect(refused.statusCode).toBe(403);
    const admin = await practice.signInAs('admin');
    expect(
      (await app.inject({ method: 'PUT', url: settingsUrl(clinic.id), headers: admin.headers, payload: { taxRateBps: 100 } })).statusCode,
    ).toBe(200);
  });

  it.each([
    [{ cancellationWindowHours: -1 }, 'cancellationWindowHours'],
    [{ cancellationWindowHours: 1.5 }, 'cancellationWindowHours'],
    [{ taxRateBps: 5001 }, 'taxRateBps'],
    [{ cancellationPolicyText: '   ' }, 'cancellationPolicyText'],
    [{}, 'body'],
  ])('refuses %j naming %s', async (payload, field) => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const response = await app.inject({ method: 'PUT', url: settingsUrl(clinic.id), headers: practice.owner.headers, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe(field);
  });

  it('answers 404 for a clinic of another practice', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const stranger = await createTestPractice(app);
    expect((await app.inject({ method: 'GET', url: settingsUrl(clinic.id), headers: stranger.owner.headers })).statusCode).toBe(404);
    const put = await app.inject({
      method: 'PUT',
      url: settingsUrl(clinic.id),
      headers: stranger.owner.headers,
      payload: { taxRateBps: 1 },
    });
    expect(put.statusCode).toBe(404);
    expect(put.json().field).toBe('clinicId');
  });
});

describe('practice sales settings', () => {
  it('keep the front desk from refunding until an owner or admin allows it', async () => {
    const practice = await createTestPractice(app);
    const read = await app.inject({ method: 'GET', url: '/api/v1/sales/settings', headers: practice.owner.headers });
    expect(read.json()).toEqual({ frontDeskMayRefund: false, version: 0 });
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/v1/sales/settings',
      headers: practice.owner.headers,
      payload: { frontDeskMayRefund: true },
    });
    expect(changed.json()).toEqual({ frontDeskMayRefund: true, version: 1 });
  });
});

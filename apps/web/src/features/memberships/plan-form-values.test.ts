import type { MembershipPlan } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { changesPrice, planChangesOf, planFormValuesOf, planRequestOf } from './plan-form-values.ts';

const clinicId = '5b0c1f0e-8a53-4b1e-9d0a-0c6a8f1e2d3c';
const templateId = '9e2d4c1a-7b6f-4e3d-8c2b-1a0f9e8d7c6b';

const plan: MembershipPlan = {
  id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  name: 'Glow Club',
  description: null,
  currency: 'USD',
  monthlyPriceCents: 9_900,
  yearlyPriceCents: null,
  signUpFeeCents: 0,
  minimumTermMonths: 6,
  clinicIds: [clinicId],
  soldOnline: true,
  agreementTemplateId: null,
  perks: { tierName: 'Gold', tierColor: '#d4a017' },
  activeMembers: 3,
  active: true,
  deactivatedAt: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  version: 1,
};

describe('the plan form', () => {
  it('reads typed prices digit by digit into minor units', () => {
    const values = { ...planFormValuesOf(null, [clinicId]), name: 'Radiance', monthlyPrice: '149.99', signUpFee: '50', yearlyPrice: '' };
    const result = planRequestOf(values, 'USD');
    expect(result).toMatchObject({ ok: true, plan: { monthlyPriceCents: 14_999, yearlyPriceCents: null, signUpFeeCents: 5_000 } });
  });

  it('asks for at least one price, a name and a clinic', () => {
    const result = planRequestOf(planFormValuesOf(null, []), 'USD');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.monthlyPriceCents).toBe('Give the plan a monthly price, a yearly price or both.');
    expect(result.errors.name).toBe('Name the plan.');
    expect(result.errors.clinicIds).toBe('Choose at least one clinic where the plan is sold.');
  });

  it('refuses a price that is not an amount, and a discount outside 1–100', () => {
    const values = { ...planFormValuesOf(plan, []), monthlyPrice: '12.345', discountPercent: '150' };
    const result = planRequestOf(values, 'USD');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.monthlyPriceCents).toBe('Use at most 2 decimal places.');
    expect(result.errors.perks).toContain('Discount');
  });

  it('sends only what changed on an edit, and knows a price change from another', () => {
    const values = { ...planFormValuesOf(plan, []), monthlyPrice: '109.00', agreementTemplateId: templateId };
    const result = planRequestOf(values, 'USD');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const changes = planChangesOf(plan, result.plan);
    expect(changes).toEqual({ monthlyPriceCents: 10_900, agreementTemplateId: templateId });
    expect(changesPrice(changes)).toBe(true);
    const unchanged = planRequestOf(planFormValuesOf(plan, []), 'USD');
    if (!unchanged.ok) throw new Error(JSON.stringify(unchanged.errors));
    expect(planChangesOf(plan, unchanged.plan)).toEqual({});
  });

  it('adds wallet credit with what happens to unused credit, and only then', () => {
    const withCredit = planRequestOf({ ...planFormValuesOf(plan, []), creditPerPeriod: '25', unusedCredit: 'roll_over' }, 'USD');
    expect(withCredit).toMatchObject({ ok: true, plan: { perks: { creditCentsPerPeriod: 2_500, unusedCredit: 'roll_over' } } });
    const without = planRequestOf({ ...planFormValuesOf(plan, []), unusedCredit: 'roll_over' }, 'USD');
    expect(without.ok && without.plan.perks).toEqual({ tierName: 'Gold', tierColor: '#d4a017' });
  });
});

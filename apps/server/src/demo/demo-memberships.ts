import { Temporal } from 'temporal-polyfill';
import { createPaperworkTemplateRequestSchema } from '@glowdesk/contracts';
import type { GlowdeskApp } from '../app.ts';
import type { StaffActor } from '../platform/auth/access.ts';
import type { Clock } from '../platform/clock.ts';
import { createCoreServices } from '../core-services.ts';

/**
 * Memberships for the demo practice, through the same use cases the API calls: Glow Club
 * (monthly or yearly, sold online, with a signed agreement and a monthly credit) and the
 * Injectables Club (sold at the front desk, a member price on toxin and sunscreen), and six
 * members: two Active (one renewed once already), one Past Due (last draw declined yesterday,
 * retried in two days), one On Hold, one Cancelled. Radiance Club 2025 is a retired plan
 * (deactivated, no longer sold), and of two coupons WELCOME10 is accepted and SUMMER25 deactivated. Enrolments and draws happen when they
 * would have, on a clock the seed moves along; nothing is left due, so the billing run of a
 * freshly started server charges nothing.
 */

const systemMeta = { ip: '127.0.0.1', requestId: 'seed-demo', userAgent: 'glowdesk seed-demo' };

export async function seedDemoMemberships(app: GlowdeskApp, owner: StaffActor, zone: string, now: Date): Promise<void> {
  let current = now;
  const clock: Clock = { now: () => current };
  const services = createCoreServices(app.config, app.database, clock, { paymentGateway: app.services.paymentGateway });
  const { memberships, billing, paperwork, practice, patients } = services;

  const clinics = await practice.clinics.list(owner, { active: true });
  const clinic = clinics.find((candidate) => candidate.timezone === zone) ?? clinics[0];
  if (!clinic) return;
  const catalog = await practice.catalog.listServices(owner, { active: true });
  const toxins = catalog.filter((service) => /^(Botox|Dysport)/.test(service.name)).map((service) => service.id);
  const hydrafacial = catalog.find((service) => /HydraFacial/i.test(service.name));

  const agreement = await paperwork.createTemplate(
    owner,
    createPaperworkTemplateRequestSchema.parse({
      kind: 'consent',
      name: 'Glow Club membership agreement',
      body: 'I agree to pay the Glow Club fee on my draw day each month (or year) until I cancel. The first six months are the minimum term. Cancelling stops future payments; payments already made are not refunded. Perks are available while my membership is active.',
      requiresSignature: true,
    }),
    systemMeta,
  );
  await memberships.createPlan(
    owner,
    {
      name: 'Glow Club',
      description: 'A HydraFacial credit every month and 10% off facials.',
      monthlyPriceCents: 14_900,
      yearlyPriceCents: 149_000,
      signUpFeeCents: 0,
      minimumTermMonths: 6,
      clinicIds: clinics.map((candidate) => candidate.id),
      soldOnline: true,
      agreementTemplateId: agreement.template.id,
      perks: {
        tierName: 'Glow',
        tierColor: '#C9A227',
        creditCentsPerPeriod: 5_000,
        unusedCredit: 'roll_over',
        ...(hydrafacial ? { discountPercent: 10, discountServiceIds: [hydrafacial.id] } : {}),
      },
    },
    systemMeta,
  );
  const injectables = await memberships.createPlan(
    owner,
    {
      name: 'Injectables Club',
      description: '15% off neurotoxin treatments and SPF, billed monthly.',
      monthlyPriceCents: 9_900,
      signUpFeeCents: 2_500,
      minimumTermMonths: 3,
      clinicIds: clinics.map((candidate) => candidate.id),
      soldOnline: false,
      perks: {
        tierName: 'Injectables',
        tierColor: '#7B61FF',
        discountPercent: 15,
        discountServiceIds: toxins,
        discountProductNames: ['EltaMD UV Clear SPF 46'],
      },
    },
    systemMeta,
  );

  const retired = await memberships.createPlan(
    owner,
    {
      name: 'Radiance Club 2025',
      description: 'Last year’s monthly peel plan, no longer sold.',
      monthlyPriceCents: 7_900,
      minimumTermMonths: 0,
      clinicIds: clinics.map((candidate) => candidate.id),
      soldOnline: true,
    },
    systemMeta,
  );
  await memberships.updatePlan(owner, retired.id, { active: false }, systemMeta);
  await memberships.createCoupon(owner, { code: 'WELCOME10', percentOff: 10, duration: 'once', maxRedemptions: 100 }, systemMeta);
  const summer = await memberships.createCoupon(
    owner,
    { code: 'SUMMER25', amountOffCents: 2_500, duration: 'repeating', durationPayments: 3, planIds: [injectables.id] },
    systemMeta,
  );
  await memberships.updateCoupon(owner, summer.id, { active: false }, systemMeta);

  const { items } = await patients.searchPatients(owner, { limit: 12 }, systemMeta);
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(zone).toPlainDate();
  /** 10:00 in the clinic's zone on `date`: when the seed enrols or bills. */
  const at = (date: Temporal.PlainDate) => new Date(date.toZonedDateTime({ timeZone: zone, plainTime: '10:00' }).epochMilliseconds);

  const plans: { enrolledOn: Temporal.PlainDate; then?: 'renew' | 'decline' | 'hold' | 'cancel' }[] = [
    // Renewed once already; next draw in five days.
    { enrolledOn: today.subtract({ months: 2 }).add({ days: 5 }), then: 'renew' },
    { enrolledOn: today.subtract({ days: 12 }) },
    // Its draw yesterday was declined: Past Due, retried in two days.
    { enrolledOn: today.subtract({ months: 1, days: 1 }), then: 'decline' },
    { enrolledOn: today.subtract({ days: 20 }), then: 'hold' },
    { enrolledOn: today.subtract({ days: 25 }), then: 'cancel' },
  ];
  for (const [index, plan] of plans.entries()) {
    const patient = items[index * 2];
    if (!patient) break;
    current = at(plan.enrolledOn);
    const visa = await billing.addPaymentMethod(owner, patient.id, { gatewayToken: 'pm_card_visa' }, systemMeta);
    const member = await memberships.enrol(
      owner,
      patient.id,
      {
        planId: injectables.id,
        interval: 'month',
        drawDay: plan.enrolledOn.day,
        paymentMethodId: visa.paymentMethod.id,
        clinicId: clinic.id,
      },
      systemMeta,
    );
    if (plan.then === 'renew' || plan.then === 'decline') {
      if (plan.then === 'decline') {
        const declining = await billing.addPaymentMethod(owner, patient.id, { gatewayToken: 'pm_card_chargeDeclined' }, systemMeta);
        await memberships.changeCard(owner, member.id, { paymentMethodId: declining.paymentMethod.id }, systemMeta);
      }
      current = at(plan.enrolledOn.add({ months: 1 }));
      await memberships.billDueMemberships({ practiceIds: [owner.practiceId], now: current });
    }
    current = now;
    if (plan.then === 'hold') await memberships.hold(owner, member.id, { until: null }, systemMeta);
    if (plan.then === 'cancel') await memberships.cancel(owner, member.id, { when: 'now' }, systemMeta);
  }
}

import { Temporal } from 'temporal-polyfill';
import type { CheckoutRequest } from '@glowdesk/contracts';
import type { GlowdeskApp } from '../app.ts';
import type { StaffActor } from '../platform/auth/access.ts';
import type { Clock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { createCoreServices } from '../core-services.ts';
import type { AppointmentsService } from '../modules/appointments/index.ts';
import type { InvoiceDetail } from '../modules/sales/index.ts';

/**
 * Sales for the demo practice, through the same use cases the API calls: cards on file for
 * most patients seen this week, most past visits checked out (card or cash, dated when the
 * visit ended), two no-show fees charged to cards taken at booking (one declined, left
 * unpaid in Sales) and one goodwill refund. Times that do not fit a schedule are skipped.
 */

const systemMeta = { ip: '127.0.0.1', requestId: 'seed-demo', userAgent: 'glowdesk seed-demo' };
const products = [
  { name: 'SkinCeuticals C E Ferulic (30 ml)', unitPriceCents: 18_200 },
  { name: 'EltaMD UV Clear SPF 46', unitPriceCents: 4_100 },
  { name: 'Alastin Regenerating Skin Nectar', unitPriceCents: 23_800 },
  { name: 'HydraFacial Daily Essentials kit', unitPriceCents: 9_500 },
];

function staffActor(owner: StaffActor, member: { id: string; email: string; displayName: string; role: StaffActor['role'] }): StaffActor {
  return { ...owner, staffId: member.id, email: member.email, displayName: member.displayName, role: member.role };
}

export async function seedDemoSales(app: GlowdeskApp, owner: StaffActor): Promise<void> {
  const { billing, practice, identity, appointments } = app.services;
  const now = new Date();
  // Sales happen when the visits did: a clock the seed moves along.
  let current = now;
  const clock: Clock = { now: () => current };
  const { sales, appointments: desk } = createCoreServices(app.config, app.database, clock, {
    paymentGateway: app.services.paymentGateway,
  });
  const members = await identity.listStaff(owner);
  const receptionist = members.find((member) => member.role === 'front_desk');
  const frontDesk = receptionist ? staffActor(owner, receptionist) : owner;

  const clinics = await practice.clinics.list(owner, { active: true });
  for (const clinic of clinics) {
    await sales.settings.updateClinicSettings(
      owner,
      clinic.id,
      clinic.timezone === 'America/Los_Angeles'
        ? {
            cancellationWindowHours: 48,
            cancellationPolicyText:
              'We hold your time for you. Please give us 48 hours’ notice to cancel or reschedule; later changes and missed appointments are charged the treatment’s fee to the card on file.',
          }
        : { taxRateBps: 450 },
      undefined,
      systemMeta,
    );
  }

  const past = await appointments.listAppointments(
    owner,
    { from: new Date(now.getTime() - 9 * 86_400_000), to: now, statuses: ['completed'] },
    systemMeta,
  );
  const cards = new Map<string, string>();
  const seen = [...new Set(past.flatMap((visit) => (visit.patientId ? [visit.patientId] : [])))];
  for (const [index, patientId] of seen.entries()) {
    if (index % 3 === 2) continue;
    const { paymentMethod } = await billing.addPaymentMethod(
      frontDesk,
      patientId,
      { gatewayToken: index % 5 === 0 ? 'pm_card_mastercard' : 'pm_card_visa' },
      systemMeta,
    );
    cards.set(patientId, paymentMethod.id);
  }

  const checkouts: InvoiceDetail[] = [];
  for (const [index, visit] of past.entries()) {
    // A few visits stay open for the front desk to check out in the demo.
    if (index % 8 === 7 || !visit.patientId) continue;
    current = new Date(visit.endsAt.getTime() + 5 * 60_000);
    const card = cards.get(visit.patientId);
    const product = products[index % products.length];
    const request: CheckoutRequest = {
      payment: card && index % 3 !== 0 ? { method: 'card_on_file', paymentMethodId: card } : { method: 'cash' },
      ...walletSaleOf(index, visit.services[0]?.serviceId, visit.services[0]?.serviceName),
      ...(index % 4 === 0 && product ? { products: [{ ...product, quantity: 1 }] } : {}),
      ...(index % 9 === 0 ? { discount: { kind: 'percent' as const, value: 10 } } : {}),
    };
    try {
      const { invoice } = await desk.checkout(frontDesk, visit.id, request, undefined, systemMeta);
      checkouts.push(invoice);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }

  const goodwill = checkouts.find((detail) =>
    detail.payments.some((payment) => payment.method === 'card_on_file' && payment.status === 'succeeded'),
  );
  if (goodwill) {
    current = new Date(goodwill.invoice.createdAt.getTime() + 26 * 3_600_000);
    await sales.refundInvoice(
      owner,
      goodwill.invoice.id,
      { amountCents: Math.min(5_000, goodwill.invoice.totalCents), reason: 'Goodwill: bruising after treatment' },
      undefined,
      systemMeta,
    );
  }

  await seedNoShowFees({ app, owner, frontDesk, desk, cards, setClock: (instant) => (current = instant) });
  current = now;
  await seedWalletCredits(app, owner, frontDesk, seen);
}

/** The wallet's sales at checkout: a package of the visit's treatment, a box of Botox units, a gift card. */
function walletSaleOf(index: number, serviceId: string | undefined, serviceName: string | undefined): Pick<CheckoutRequest, 'walletSales'> {
  const nextYear = Temporal.Now.plainDateISO().add({ years: 1 }).toString();
  if (index === 1 && serviceId && serviceName) {
    return {
      walletSales: [{ kind: 'prepaid', name: serviceName, serviceId, quantity: 3, unitPriceCents: 15_000, expiresOn: nextYear }],
    };
  }
  if (index === 2) return { walletSales: [{ kind: 'prepaid', name: 'Botox (units)', quantity: 50, unitPriceCents: 1_200 }] };
  if (index === 5) return { walletSales: [{ kind: 'credit', name: 'Gift card', amountCents: 10_000 }] };
  return {};
}

/** Dollar credit added by hand for two clients: a goodwill credit and a refund kept as credit. */
async function seedWalletCredits(app: GlowdeskApp, owner: StaffActor, frontDesk: StaffActor, patientIds: readonly string[]): Promise<void> {
  const { wallet } = app.services;
  const [first, second] = patientIds;
  const inThreeMonths = Temporal.Now.plainDateISO().add({ months: 3 }).toString();
  if (first) await wallet.addCredit(frontDesk, first, { amountCents: 2_500, reason: 'Goodwill: waited 30 minutes' }, undefined, systemMeta);
  if (second) {
    await wallet.addCredit(
      owner,
      second,
      { amountCents: 7_500, reason: 'Refund to credit: unused peel', expiresOn: inThreeMonths },
      undefined,
      systemMeta,
    );
  }
}

/**
 * Two no-shows with a card taken at booking and the fee charged: one paid, one declined
 * (the invoice stays unpaid in Sales, as a real decline would).
 */
async function seedNoShowFees(input: {
  app: GlowdeskApp;
  owner: StaffActor;
  frontDesk: StaffActor;
  desk: AppointmentsService;
  cards: Map<string, string>;
  setClock: (instant: Date) => void;
}): Promise<void> {
  const { app, owner, frontDesk, desk, cards, setClock } = input;
  const { practice, billing } = app.services;
  const [clinic] = await practice.clinics.list(owner, { active: true });
  if (!clinic) return;
  const providers = (await practice.providers.list(owner, { active: true })).filter((provider) => provider.clinicIds.includes(clinic.id));
  const services = (await practice.catalog.listServices(owner, { active: true })).filter(
    (service) => service.mode !== 'virtual' && service.noShowFeeCents > 0 && service.clinicIds.includes(clinic.id),
  );
  const [payingPatient] = cards.keys();
  const decliningPatient = [...cards.keys()].at(-1);
  if (!payingPatient || !decliningPatient || payingPatient === decliningPatient) return;
  const declining = await billing.addPaymentMethod(frontDesk, decliningPatient, { gatewayToken: 'pm_card_chargeDeclined' }, systemMeta);
  const plans = [
    { daysAgo: 1, patientId: payingPatient, paymentMethodId: cards.get(payingPatient) ?? '' },
    { daysAgo: 3, patientId: decliningPatient, paymentMethodId: declining.paymentMethod.id },
  ];
  const today = Temporal.Now.plainDateISO(clinic.timezone);
  for (const plan of plans) {
    const date = today.subtract({ days: plan.daysAgo });
    setClock(new Date(date.toZonedDateTime({ timeZone: clinic.timezone, plainTime: '00:00' }).epochMilliseconds));
    let bookedId: string | undefined;
    let bookedStart: Date | undefined;
    for (const time of ['17:45', '12:00', '08:30', '18:30']) {
      const start = new Date(
        Temporal.PlainDateTime.from(`${date.toString()}T${time}`).toZonedDateTime(clinic.timezone, { disambiguation: 'compatible' })
          .epochMilliseconds,
      );
      for (const provider of providers) {
        const service = services.find((candidate) => provider.serviceIds.includes(candidate.id));
        if (!service || bookedId) continue;
        try {
          const { appointment } = await desk.createAppointment(
            frontDesk,
            {
              kind: 'appointment',
              mode: 'in_person',
              clinicId: clinic.id,
              providerId: provider.id,
              serviceIds: [service.id],
              start: start.toISOString(),
              patientId: plan.patientId,
              allowDoubleBooking: false,
              requireCardOnFile: true,
              paymentMethodId: plan.paymentMethodId,
            },
            undefined,
            systemMeta,
          );
          bookedId = appointment.id;
          bookedStart = appointment.startsAt;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
        }
      }
      if (bookedId) break;
    }
    if (!bookedId || !bookedStart) continue;
    setClock(new Date(bookedStart.getTime() + 30 * 60_000));
    await desk.markNoShow(frontDesk, bookedId, { chargeFee: true }, systemMeta);
  }
}

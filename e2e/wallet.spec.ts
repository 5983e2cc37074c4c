import { expect, test, type APIRequestContext } from '@playwright/test';
import { bookToday } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// The client wallet: credit added and removed on the client profile; a prepaid package sold at
// one checkout and a unit of it redeemed at the next (checkouts through the API, to stay quick).
// With E2E_SCREENSHOT_DIR set, the Wallet card is also photographed at desktop and phone widths.

interface Clinic {
  id: string;
  name: string;
  timezone: string;
}
interface Service {
  id: string;
  name: string;
  priceCents: number;
}
interface Provider {
  id: string;
  serviceIds: string[];
}

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  expect(response.ok(), `${path} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

async function postJson<T>(request: APIRequestContext, path: string, data: unknown): Promise<T> {
  const response = await request.post(path, { data });
  expect(response.ok(), `${path} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** Today's local date in the zone. */
function localDateIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A SoHo chemical peel, a provider who offers it with their whole day open, and a checked-in visit for the patient at `hour` local. */
async function checkedInPeel(request: APIRequestContext, patientId: string, hour: number) {
  const clinics = (await getJson<{ items: Clinic[] }>(request, '/api/v1/clinics')).items;
  const clinic = clinics.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const services = (await getJson<{ items: Service[] }>(request, `/api/v1/services?clinicId=${clinic.id}&active=true`)).items;
  const service = services.find((candidate) => /^Chemical Peel/.test(candidate.name));
  if (!service) throw new Error('no SoHo chemical peel');
  const providers = (await getJson<{ items: Provider[] }>(request, `/api/v1/providers?clinicId=${clinic.id}&active=true`)).items;
  const provider = providers.find((candidate) => candidate.serviceIds.includes(service.id));
  if (!provider) throw new Error('no SoHo provider offers the peel');
  const localDate = localDateIn(clinic.timezone);
  const override = await request.post(`/api/v1/providers/${provider.id}/schedule-overrides`, {
    data: { clinicId: clinic.id, localDate, intervals: [{ start: '06:00', end: '23:00' }], note: 'e2e: wallet' },
  });
  expect(override.ok() || override.status() === 409, `schedule override → ${override.status()}`).toBeTruthy();
  const booked = await bookToday(request, clinic, hour * 60, {
    kind: 'appointment',
    mode: 'in_person',
    providerId: provider.id,
    serviceIds: [service.id],
    patientId,
    allowDoubleBooking: true,
    requireCardOnFile: false,
  });
  await postJson(request, `/api/v1/appointments/${booked.id}/check-in`, {});
  return { appointmentId: booked.id, service };
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
});

test('adds credit on the client profile, sells a prepaid package at checkout, redeems a unit at the next checkout', async ({ page }) => {
  test.slow();
  const lastName = `Walleta${Date.now().toString(36)}`;
  const patient = await postJson<{ id: string }>(page.request, '/api/v1/patients', { firstName: 'Wren', lastName });

  await page.goto(`/clients/${patient.id}`);
  const wallet = page.getByRole('region', { name: 'Wallet' });
  await expect(wallet).toContainText('No credit, rewards or prepaid services yet.');

  await wallet.getByRole('button', { name: 'Add credit' }).click();
  const add = page.getByRole('dialog', { name: `Add credit for Wren ${lastName}` });
  await add.getByRole('textbox', { name: 'Amount (USD)' }).fill('0');
  await add.getByRole('button', { name: 'Add credit' }).click();
  await expect(add.getByText('Enter an amount above zero.')).toBeVisible();
  await expect(add.getByText('Give a reason; it is kept with the entry.')).toBeVisible();
  await add.getByRole('textbox', { name: 'Amount (USD)' }).fill('50');
  await add.getByRole('textbox', { name: 'Reason' }).fill('Goodwill: waited 30 minutes');
  await add.getByRole('button', { name: 'Add credit' }).click();
  await expect(add).toBeHidden();
  await expect(wallet).toContainText('Goodwill: waited 30 minutes');
  await expect(wallet).toContainText('$50.00');

  const first = await checkedInPeel(page.request, patient.id, 7);
  const sold = await postJson<{ invoice: { lines: { kind: string }[] } }>(
    page.request,
    `/api/v1/appointments/${first.appointmentId}/checkout`,
    {
      walletSales: [{ kind: 'prepaid', name: first.service.name, serviceId: first.service.id, quantity: 3, unitPriceCents: 12_000 }],
      payment: { method: 'cash' },
    },
  );
  expect(sold.invoice.lines.map((line) => line.kind)).toContain('prepaid');
  const second = await checkedInPeel(page.request, patient.id, 8);
  const redeemed = await postJson<{ invoice: { totals: { totalCents: number } } }>(
    page.request,
    `/api/v1/appointments/${second.appointmentId}/checkout`,
    { prepaidServiceIds: [second.service.id], payment: { method: 'cash' } },
  );
  expect(redeemed.invoice.totals.totalCents).toBe(0);

  await page.reload();
  await expect(wallet.getByRole('listitem').filter({ hasText: first.service.name })).toContainText('2 of 3 left');

  await wallet.getByRole('button', { name: 'Remove credit' }).click();
  const remove = page.getByRole('dialog', { name: `Remove credit from Wren ${lastName}` });
  await remove.getByRole('textbox', { name: 'Amount (USD)' }).fill('60');
  await remove.getByRole('textbox', { name: 'Reason' }).fill('Added twice');
  await remove.getByRole('button', { name: 'Remove credit' }).click();
  await expect(remove.getByText('Only $50.00 of dollar credits can be removed.')).toBeVisible();
  await remove.getByRole('textbox', { name: 'Amount (USD)' }).fill('20');
  await remove.getByRole('button', { name: 'Remove credit' }).click();
  await expect(remove).toContainText('cannot be undone');
  await remove.getByRole('button', { name: 'Remove $20.00' }).click();
  await expect(remove).toBeHidden();
  await expect(wallet).toContainText('Added twice');
  await expect(wallet).toContainText('$30.00');

  const shots = process.env.E2E_SCREENSHOT_DIR;
  if (shots) {
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await wallet.scrollIntoViewIfNeeded();
      await wallet.screenshot({ path: `${shots}/wallet-card-${width}x${height}.png` });
      await page.screenshot({ path: `${shots}/wallet-page-${width}x${height}.png` });
    }
  }
});

import { expect, test, type APIRequestContext, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { bookToday, chooseTime } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// Payments through the real UI: a card taken at booking through the simulated gateway's own
// card form, a no-show fee charged to it, the invoice in Sales, restoring the no-show and
// refunding the fee; checkout paying by card. Every test books its own patient and
// appointment (early today, on a provider's day opened by a date override), so it does not
// depend on the demo's appointments or on the hour the suite runs.

interface Clinic {
  id: string;
  name: string;
  timezone: string;
}
interface Provider {
  id: string;
  displayName: string;
  serviceIds: string[];
}
interface Service {
  id: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  noShowFeeCents: number;
}
interface Patient {
  id: string;
  firstName: string;
  lastName: string;
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

/** The wall clock of an instant in a zone: local date and minutes from midnight. */
function wallClock(instant: Date, timeZone: string): { localDate: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((found, part) => ({ ...found, [part.type]: part.value }), {});
  return { localDate: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The instant of a wall-clock time today in the clinic's zone (early morning: no DST change happens then). */
function todayAt(clinic: Clinic, minutes: number): { localDate: string; start: string } {
  const localDate = wallClock(new Date(), clinic.timezone).localDate;
  const noonLocal = wallClock(new Date(`${localDate}T12:00:00Z`), clinic.timezone).minutes;
  const start = new Date(Date.parse(`${localDate}T00:00:00Z`) + (minutes - (noonLocal - 12 * 60)) * 60_000).toISOString();
  return { localDate, start };
}

function formatMinutes(minutes: number): string {
  const hours24 = Math.floor(minutes / 60);
  const suffix = hours24 < 12 ? 'AM' : 'PM';
  return `${hours24 % 12 === 0 ? 12 : hours24 % 12}:${String(minutes % 60).padStart(2, '0')} ${suffix}`;
}

function dollars(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Setting {
  clinic: Clinic;
  service: Service;
  provider: Provider;
}

/** The SoHo clinic, an in-person service by name, and a provider who offers it working all day today. */
async function sohoWith(request: APIRequestContext, serviceName: RegExp): Promise<Setting> {
  const clinics = (await getJson<{ items: Clinic[] }>(request, '/api/v1/clinics')).items;
  const clinic = clinics.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const services = (await getJson<{ items: Service[] }>(request, `/api/v1/services?clinicId=${clinic.id}&active=true`)).items;
  const service = services.find((candidate) => serviceName.test(candidate.name));
  if (!service) throw new Error(`no SoHo service matches ${serviceName}`);
  const providers = (await getJson<{ items: Provider[] }>(request, `/api/v1/providers?clinicId=${clinic.id}&active=true`)).items;
  const provider = providers.find((candidate) => candidate.serviceIds.includes(service.id));
  if (!provider) throw new Error(`no SoHo provider offers ${service.name}`);
  const { localDate } = todayAt(clinic, 0);
  // A date override opens the provider's whole day, whatever weekday the suite runs on. Another
  // test may already have opened it: that answer (409) is as good.
  const override = await request.post(`/api/v1/providers/${provider.id}/schedule-overrides`, {
    data: { clinicId: clinic.id, localDate, intervals: [{ start: '06:00', end: '23:00' }], note: 'e2e: payments' },
  });
  expect(override.ok() || override.status() === 409, `schedule override → ${override.status()}`).toBeTruthy();
  return { clinic, service, provider };
}

let patientSerial = 0;
async function createPatient(request: APIRequestContext, firstName: string): Promise<Patient> {
  patientSerial += 1;
  return postJson(request, '/api/v1/patients', { firstName, lastName: `Pay${Date.now().toString(36)}${patientSerial}` });
}

/** Types a test card into the simulated gateway's own form (a frame): the number never reaches Glowdesk's API. */
async function enterTestCard(card: FrameLocator, number: string): Promise<void> {
  await card.getByRole('textbox', { name: 'Card number' }).fill(number);
  await card.getByRole('textbox', { name: 'Expiry (MM/YY)' }).fill('12/30');
  await card.getByRole('textbox', { name: 'CVC' }).fill('123');
  await card.getByRole('button', { name: 'Use this card' }).click();
}

async function openDrawer(page: Page, setting: Setting, localDate: string, appointmentId: string, patient: Patient): Promise<Locator> {
  await page.goto(`/appointments?clinic=${setting.clinic.id}&date=${localDate}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
  const card = page.locator(`[data-appointment-id="${appointmentId}"]`);
  await card.scrollIntoViewIfNeeded();
  await card.click();
  const drawer = page.getByRole('dialog', { name: new RegExp(`${patient.firstName} ${patient.lastName}`) });
  await expect(drawer).toBeVisible();
  return drawer;
}

test.beforeEach(async ({ page }) => {
  // Each flow books, charges and refunds through several pages: more than the default time on a loaded machine.
  test.slow();
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
});

test('charges a no-show fee to the card taken at booking, restores the no-show and refunds the fee from Sales', async ({ page }) => {
  const setting = await sohoWith(page.request, /^Botox/);
  const { clinic, service, provider } = setting;
  const patient = await createPatient(page.request, 'Noshowfee');
  const patientName = `${patient.firstName} ${patient.lastName}`;
  const startMinutes = 6 * 60 + 15;
  const { localDate } = todayAt(clinic, startMinutes);
  const fee = dollars(service.noShowFeeCents);

  // Book in office with "Enter Credit Card Details", the card typed into the gateway's form.
  await page.goto(`/appointments?clinic=${clinic.id}&date=${localDate}`);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'New appointment' });
  await form.getByRole('combobox', { name: 'Service' }).click();
  await page.getByRole('option', { name: service.name, exact: false }).first().click();
  await chooseTime(page, form, formatMinutes(startMinutes));
  // Early today may be taken or past: the booking goes on top, on the provider's opened day.
  await form.getByRole('checkbox', { name: 'Allow Double Booking' }).check();
  await form.getByRole('combobox', { name: 'Provider' }).click();
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(provider.displayName)}`) }).click();
  await form.getByRole('textbox', { name: 'Find a patient' }).fill(patient.lastName);
  await page.getByRole('option', { name: patientName }).click();
  await form.getByRole('checkbox', { name: 'Enter Credit Card Details' }).check();
  await enterTestCard(form.frameLocator('iframe[title="Card details (secure payment form)"]'), '4242 4242 4242 4242');
  await expect(form.getByText('Visa •••• 4242 ready')).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Appointment booked' })).toBeVisible();
  // The desk may be asked whether to tell the patient; this test is about money.
  await page
    .getByRole('button', { name: 'Don’t Send Notification' })
    .or(page.getByRole('button', { name: "Don't Send Notification" }))
    .click({ timeout: 2_000 })
    .catch(() => undefined);

  // Mark as no-show and charge the fee.
  const booked = page.getByRole('button', { name: new RegExp(escapeRegExp(`${patientName}, ${service.name}`)) });
  await booked.scrollIntoViewIfNeeded();
  await booked.click();
  const drawer = page.getByRole('dialog', { name: new RegExp(patientName) });
  await expect(drawer.getByText('Visa •••• 4242, entered at booking')).toBeVisible();
  await drawer.getByRole('button', { name: 'Mark As No-Show' }).click();
  const noShow = page.getByRole('dialog', { name: 'Mark as no-show?' });
  await noShow.getByRole('radio', { name: /Charge the no-show fee/ }).check();
  await noShow.getByRole('button', { name: 'Mark As No-Show' }).click();
  await expect(page.getByRole('alert').filter({ hasText: `${fee} fee charged` })).toBeVisible();
  // The desk is offered the "we missed you" message, naming the fee.
  const missed = page.getByRole('dialog', { name: 'Write to the patient about the missed visit?' });
  await expect(missed.getByRole('textbox', { name: 'Message' })).toHaveValue(/missed you/);
  await missed.getByRole('button', { name: "Don't Send Notification" }).click();
  // The drawer names the fee's invoice.
  const invoiceLink = drawer.getByRole('link', { name: /No-Show Charges/ });
  await expect(invoiceLink).toBeVisible();
  const invoiceNumber = /#(\d+)/.exec((await invoiceLink.textContent()) ?? '')?.[1];
  expect(invoiceNumber).toBeTruthy();

  // The invoice is in Sales, paid.
  await page.goto('/sales');
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'No-Show Charges' }).click();
  const row = page.getByRole('row').filter({ hasText: patientName });
  await expect(row).toContainText('No-Show Charges');
  await expect(row).toContainText(fee);
  await expect(row).toContainText('Paid');

  // Restore the no-show: the notice tells the owner to refund it by hand and links the invoice.
  await page.goto(`/appointments/no-shows?clinic=${clinic.id}`);
  const noShowRow = page.getByRole('row').filter({ hasText: patientName });
  await noShowRow.getByRole('button', { name: /^Restore/ }).click();
  const restore = page.getByRole('dialog', { name: 'Restore this appointment?' });
  await expect(restore.getByRole('link', { name: 'Open the fee’s invoice' })).toBeVisible();
  await restore.getByRole('button', { name: 'Confirm' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'About the no-show fee' });
  await expect(notice).toContainText('Restoring does not refund it: refund it from the invoice in Sales.');
  await notice.getByRole('button', { name: 'Open the invoice in Sales' }).click();

  // Refund it from the invoice page.
  await expect(page.getByRole('heading', { level: 1, name: `Invoice #${invoiceNumber}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' }).getByText('Paid', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Refund', exact: true }).click();
  const refund = page.getByRole('dialog', { name: `Refund invoice #${invoiceNumber}` });
  await refund.getByRole('button', { name: `Refund ${fee}` }).click();
  await expect(refund.getByText('Give a reason for the refund.')).toBeVisible();
  await refund.getByRole('radio', { name: 'Partial refund' }).check();
  await refund.getByRole('textbox', { name: 'Amount to refund' }).fill(String(service.noShowFeeCents / 100 + 1));
  await refund.getByRole('textbox', { name: 'Reason' }).fill('Restored no-show: the patient came after all');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(refund.getByText(`At most ${fee} of this payment is left to refund.`)).toBeVisible();
  await refund.getByRole('radio', { name: `Full refund: ${fee}` }).check();
  await refund.getByRole('button', { name: `Refund ${fee}` }).click();
  await expect(page.getByRole('alert').filter({ hasText: `${fee} refunded` })).toBeVisible();
  await expect(refund).toBeHidden();

  await expect(page.getByRole('region', { name: 'Summary' }).getByText('Refunded', { exact: true })).toBeVisible();
  const refunds = page.getByRole('table', { name: 'Refunds' });
  await expect(refunds).toContainText('Restored no-show: the patient came after all');
  await expect(refunds).toContainText(DEMO_OWNER.name);
  await expect(refunds).toContainText(/re_sim_/);
  await expect(page.getByRole('button', { name: 'Refund', exact: true })).toHaveCount(0);
});

test('checks out a checked-in appointment with a product and a discount, paying with a new card', async ({ page }) => {
  const setting = await sohoWith(page.request, /^Chemical Peel/);
  const { clinic, service, provider } = setting;
  const patient = await createPatient(page.request, 'Checkout');
  const booked = await bookToday(page.request, clinic, 6 * 60 + 45, {
    kind: 'appointment',
    mode: 'in_person',
    providerId: provider.id,
    serviceIds: [service.id],
    patientId: patient.id,
    allowDoubleBooking: true,
    requireCardOnFile: false,
  });
  await postJson(page.request, `/api/v1/appointments/${booked.id}/check-in`, {});
  const settings = await getJson<{ taxRateBps: number }>(page.request, `/api/v1/clinics/${clinic.id}/billing-settings`);

  const drawer = await openDrawer(page, setting, booked.localDate, booked.id, patient);
  await drawer.getByRole('button', { name: 'Checkout' }).click();
  const checkout = page.getByRole('dialog', { name: 'Checkout', exact: true });
  await expect(checkout.getByText(service.name)).toBeVisible();
  await checkout.getByRole('button', { name: 'Add product' }).click();
  await checkout.getByRole('textbox', { name: 'Product name' }).fill('EltaMD UV Clear SPF 46');
  await checkout.getByRole('textbox', { name: 'Qty' }).fill('2');
  await checkout.getByRole('textbox', { name: 'Unit price' }).fill('41');
  await checkout.getByText('Percent', { exact: true }).click();
  await checkout.getByRole('textbox', { name: 'Discount percent' }).fill('10');
  // Subtotal, 10% off (rounded half up), then the clinic's tax on the rest, as the invoice will have it.
  const subtotal = service.priceCents + 2 * 4_100;
  const discount = Math.floor((2 * subtotal * 10 + 100) / 200);
  const tax = Math.floor((2 * (subtotal - discount) * settings.taxRateBps + 10_000) / 20_000);
  const total = dollars(subtotal - discount + tax);
  await expect(checkout.getByRole('region', { name: 'Totals' })).toContainText(total);

  await checkout.getByRole('radio', { name: 'New card' }).check();
  await enterTestCard(checkout.frameLocator('iframe[title="Card details (secure payment form)"]'), '4242424242424242');
  await expect(checkout.getByText('Visa •••• 4242 ready')).toBeVisible();
  await checkout.getByRole('button', { name: `Charge ${total}` }).click();
  await expect(checkout.getByText('Checked out')).toBeVisible();
  await expect(checkout).toContainText(`${total} paid to Visa •••• 4242`);
  await expect(checkout).toContainText('The appointment is completed.');
  await checkout.getByRole('link', { name: /Open invoice #\d+ in Sales/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: /Invoice #\d+/ })).toBeVisible();
  await expect(page.getByText('Appointment Checkout · Lumière Aesthetics — SoHo')).toBeVisible();
  const lines = page.getByRole('table', { name: 'Invoice lines' });
  await expect(lines).toContainText(service.name);
  await expect(lines).toContainText('EltaMD UV Clear SPF 46');
  await expect(lines).toContainText('Discount (10%)');
  const payments = page.getByRole('table', { name: 'Payments' });
  await expect(payments).toContainText('Visa •••• 4242');
  await expect(payments).toContainText('New card');
  await expect(payments).toContainText('Succeeded');
  await expect(payments).toContainText(/pi_sim_/);
  const after = await getJson<{ status: string }>(page.request, `/api/v1/appointments/${booked.id}`);
  expect(after.status).toBe('completed');
});

test('a declined card at checkout leaves the invoice unpaid, and Sales takes cash for it', async ({ page }) => {
  const setting = await sohoWith(page.request, /^Laser Hair Removal — Small/);
  const { clinic, service, provider } = setting;
  const patient = await createPatient(page.request, 'Declined');
  await postJson(page.request, `/api/v1/patients/${patient.id}/payment-methods`, { gatewayToken: 'pm_card_chargeDeclined' });
  const booked = await bookToday(page.request, clinic, 7 * 60 + 15, {
    kind: 'appointment',
    mode: 'in_person',
    providerId: provider.id,
    serviceIds: [service.id],
    patientId: patient.id,
    allowDoubleBooking: true,
    requireCardOnFile: false,
  });
  await postJson(page.request, `/api/v1/appointments/${booked.id}/check-in`, {});

  const drawer = await openDrawer(page, setting, booked.localDate, booked.id, patient);
  await drawer.getByRole('button', { name: 'Checkout' }).click();
  const checkout = page.getByRole('dialog', { name: 'Checkout', exact: true });
  await expect(checkout.getByRole('radio', { name: /Visa •••• 0002/ })).toBeChecked();
  await checkout.getByRole('button', { name: /^Charge/ }).click();
  const declined = checkout.getByRole('alert').filter({ hasText: 'Card declined' });
  await expect(declined).toBeVisible();
  await expect(declined).toContainText('stays unpaid');
  await expect(checkout.getByRole('button', { name: /^Charge/ })).toHaveCount(0);
  await declined.getByRole('link', { name: /Open invoice #\d+ in Sales/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: /Invoice #\d+/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' }).getByText('Unpaid', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Payments' })).toContainText('Failed');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  const pay = page.getByRole('dialog', { name: /Take payment for invoice/ });
  await pay.getByRole('radio', { name: 'Cash' }).check();
  await pay.getByRole('button', { name: /^Record .* cash$/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'paid' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' }).getByText('Paid', { exact: true })).toBeVisible();
  const after = await getJson<{ status: string }>(page.request, `/api/v1/appointments/${booked.id}`);
  expect(after.status).toBe('completed');
});

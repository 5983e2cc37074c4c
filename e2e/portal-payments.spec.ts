import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import type { TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import type { ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { bookToday, getJson, postJson, wallClock, type Clinic, type Provider, type Service } from './book-helpers.ts';
import { axeViolations } from './axe.ts';
import { emailedCode, startDemoServerWithMail, type DemoServerWithMail } from './mail-server.ts';

// The portal's Payment Methods and Payment History on a phone: a patient signs in with a code
// read from an SMTP server in this process, adds a card through the gateway's own form, and
// pays a red (unpaid) invoice, which turns green. The invoice is set up through the staff API:
// a checkout whose card was declined. Like portal.spec.ts, the spec runs its own server.
//
// With E2E_SCREENSHOT_DIR set, the pages are photographed at 390×844, 1024×768 and 1440×900.

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const PHONE = { width: 390, height: 844 };
const SIZES = [PHONE, { width: 1024, height: 768 }, { width: 1440, height: 900 }];

interface Patient {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
}

let smtp: TestSmtpServer;
let server: ServerProcess;
let demo: DemoServerWithMail;
let staff: APIRequestContext;

const at = (path: string) => `${server.baseUrl}${path}`;

test.describe.configure({ mode: 'serial', timeout: 60_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startDemoServerWithMail('portal-payments');
  ({ smtp, server, staff } = demo);
});

test.afterAll(async () => {
  await demo?.stop();
});

let serial = 0;
async function createPatient(firstName: string): Promise<Patient> {
  serial += 1;
  const unique = `${Date.now().toString(36)}${serial}`;
  return postJson<Patient>(staff, '/api/v1/patients', {
    firstName,
    lastName: `Payer${unique}`,
    email: `${firstName.toLowerCase()}-${unique}@example.com`,
  });
}

/**
 * A red invoice of the patient, made as the front desk makes one: a SoHo visit today, checked
 * in and checked out with a card on file that the bank declines. Returns its number.
 */
async function unpaidInvoice(patient: Patient): Promise<{ number: number; balanceCents: number }> {
  const clinic = (await getJson<{ items: Clinic[] }>(staff, '/api/v1/clinics')).items.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const services = (await getJson<{ items: Service[] }>(staff, `/api/v1/services?clinicId=${clinic.id}&active=true`)).items;
  const peel = services.find((service) => service.name.startsWith('Chemical Peel'));
  if (!peel) throw new Error('the demo SoHo clinic offers no Chemical Peel');
  const providers = (await getJson<{ items: Provider[] }>(staff, `/api/v1/providers?clinicId=${clinic.id}&active=true`)).items;
  const provider = providers.find((candidate) => candidate.serviceIds.includes(peel.id));
  if (!provider) throw new Error('no SoHo provider offers the peel');
  // A date override opens the provider's whole day, whatever weekday the suite runs on; one made
  // by an earlier test (409) is as good.
  const localDate = wallClock(new Date(), clinic.timezone).localDate;
  const override = await staff.post(`/api/v1/providers/${provider.id}/schedule-overrides`, {
    data: { clinicId: clinic.id, localDate, intervals: [{ start: '06:00', end: '23:00' }], note: 'e2e: portal payments' },
  });
  expect(override.ok() || override.status() === 409, `schedule override → ${override.status()}`).toBeTruthy();
  const declining = await postJson<{ id: string }>(staff, `/api/v1/patients/${patient.id}/payment-methods`, {
    gatewayToken: 'pm_card_chargeDeclined',
  });
  const booked = await bookToday(staff, clinic, 6 * 60 + 15, {
    kind: 'appointment',
    mode: 'in_person',
    providerId: provider.id,
    serviceIds: [peel.id],
    patientId: patient.id,
    allowDoubleBooking: true,
    requireCardOnFile: false,
  });
  await postJson(staff, `/api/v1/appointments/${booked.id}/check-in`, {});
  const checkout = await staff.post(`/api/v1/appointments/${booked.id}/checkout`, {
    data: { payment: { method: 'card_on_file', paymentMethodId: declining.id } },
  });
  expect(checkout.status(), await checkout.text()).toBe(402);
  const { invoiceId } = (await checkout.json()) as { invoiceId: string };
  const invoice = await getJson<{ number: number; totals: { balanceCents: number } }>(staff, `/api/v1/invoices/${invoiceId}`);
  return { number: invoice.number, balanceCents: invoice.totals.balanceCents };
}

/**
 * A paid visit that sold the patient a prepaid package (3 × the visit's peel) through the staff
 * checkout, as the front desk sells one. Returns the peel's name.
 */
async function prepaidPackage(patient: Patient): Promise<string> {
  const clinic = (await getJson<{ items: Clinic[] }>(staff, '/api/v1/clinics')).items.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const services = (await getJson<{ items: Service[] }>(staff, `/api/v1/services?clinicId=${clinic.id}&active=true`)).items;
  const peel = services.find((service) => service.name.startsWith('Chemical Peel'));
  if (!peel) throw new Error('the demo SoHo clinic offers no Chemical Peel');
  const providers = (await getJson<{ items: Provider[] }>(staff, `/api/v1/providers?clinicId=${clinic.id}&active=true`)).items;
  const provider = providers.find((candidate) => candidate.serviceIds.includes(peel.id));
  if (!provider) throw new Error('no SoHo provider offers the peel');
  const localDate = wallClock(new Date(), clinic.timezone).localDate;
  const override = await staff.post(`/api/v1/providers/${provider.id}/schedule-overrides`, {
    data: { clinicId: clinic.id, localDate, intervals: [{ start: '06:00', end: '23:00' }], note: 'e2e: portal payments' },
  });
  expect(override.ok() || override.status() === 409, `schedule override → ${override.status()}`).toBeTruthy();
  const booked = await bookToday(staff, clinic, 6 * 60 + 30, {
    kind: 'appointment',
    mode: 'in_person',
    providerId: provider.id,
    serviceIds: [peel.id],
    patientId: patient.id,
    allowDoubleBooking: true,
    requireCardOnFile: false,
  });
  await postJson(staff, `/api/v1/appointments/${booked.id}/check-in`, {});
  await postJson(staff, `/api/v1/appointments/${booked.id}/checkout`, {
    walletSales: [{ kind: 'prepaid', name: peel.name, serviceId: peel.id, quantity: 3, unitPriceCents: 12_000 }],
    payment: { method: 'cash' },
  });
  return peel.name;
}

async function signInByEmail(page: Page, email: string): Promise<void> {
  await page.goto(at('/portal/demo/sign-in'));
  await page.getByRole('button', { name: 'Use email to log in' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Code' }).fill(await emailedCode(smtp, email, sentBefore));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/portal\/demo$/);
}

/** Checks the page with axe at every size when photographing, at the phone's otherwise. */
async function review(page: Page, name: string, found: string[]): Promise<void> {
  if (!screenshotDir) {
    found.push(...(await axeViolations(page, name)));
    return;
  }
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize() ?? PHONE;
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250);
    found.push(...(await axeViolations(page, `${name} at ${size.width}`)));
    await page.screenshot({ path: join(screenshotDir, `portal-payments-${name}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize(viewport);
}

/** Types a test card into the simulated gateway's own form (a frame): the number never reaches Glowdesk's API. */
async function enterTestCard(card: FrameLocator, number: string): Promise<void> {
  await card.getByRole('textbox', { name: 'Card number' }).fill(number);
  await card.getByRole('textbox', { name: 'Expiry (MM/YY)' }).fill('12/30');
  await card.getByRole('textbox', { name: 'CVC' }).fill('123');
  await card.getByRole('button', { name: 'Use this card' }).click();
}

function dollars(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

test('at 390×844, a patient adds a card on Payment Methods and pays a red invoice from Payment History, which turns green', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  const found: string[] = [];
  const patient = await createPatient('Paloma');
  const invoice = await unpaidInvoice(patient);
  const due = dollars(invoice.balanceCents);

  await signInByEmail(page, patient.email);
  await expect(page.getByRole('link', { name: /Payment History/ })).toContainText('1 unpaid invoice');
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Payment Methods' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment Methods' })).toBeVisible();
  const cards = page.getByRole('list', { name: 'Cards on file' }).getByRole('article');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Visa •••• 0002');
  await review(page, 'methods', found);

  await page.getByRole('button', { name: 'Add New Payment Method' }).click();
  await enterTestCard(page.frameLocator('iframe[title="Card details (secure payment form)"]'), '4242 4242 4242 4242');
  await expect(page.getByRole('status').filter({ hasText: 'Visa •••• 4242 is saved.' })).toBeVisible();
  await expect(cards).toHaveCount(2);

  await page.getByRole('link', { name: 'Payment History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment History' })).toBeVisible();
  const row = page.getByRole('list', { name: 'Invoices' }).getByRole('link', { name: new RegExp(`Invoice #${invoice.number} `) });
  await expect(row).toContainText('Unpaid');
  await expect(row).toContainText(`${due} due`);
  await expect(row.locator('[data-status="unpaid"]')).toHaveCSS('border-left-color', 'rgb(193, 29, 29)');
  await review(page, 'history-unpaid', found);

  await row.click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice #${invoice.number}` })).toBeVisible();
  const pay = page.getByRole('region', { name: `Pay ${due}` });
  await expect(pay.getByRole('radio', { name: /Visa •••• 0002/ })).toBeChecked();
  await review(page, 'invoice-unpaid', found);
  await pay.getByRole('radio', { name: /Visa •••• 4242/ }).check();
  await pay.getByRole('button', { name: `Pay ${due}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paid in full' })).toBeVisible();
  await expect(page.locator('.mantine-Badge-root').filter({ hasText: /^Paid$/ })).toBeVisible();
  await expect(pay).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Download receipt' })).toHaveAttribute('href', /\/receipt$/);
  await review(page, 'invoice-paid', found);

  await page.getByRole('link', { name: 'Payment History' }).click();
  await expect(row).toContainText('Paid');
  await expect(row.locator('[data-status="paid"]')).toHaveCSS('border-left-color', 'rgb(34, 113, 49)');
  expect(found).toEqual([]);
});

test('at 390×844, a declined card leaves the invoice red with the bank’s reason, and a card is edited and removed', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const found: string[] = [];
  const patient = await createPatient('Dario');
  const invoice = await unpaidInvoice(patient);
  const due = dollars(invoice.balanceCents);

  await signInByEmail(page, patient.email);
  await page.goto(at('/portal/demo/payment-methods/history'));
  await page
    .getByRole('list', { name: 'Invoices' })
    .getByRole('link', { name: new RegExp(`Invoice #${invoice.number} `) })
    .click();
  const pay = page.getByRole('region', { name: `Pay ${due}` });
  await pay.getByRole('button', { name: `Pay ${due}` }).click();
  const declined = page.getByRole('alert').filter({ hasText: 'The payment did not go through' });
  await expect(declined).toContainText('declined');
  await expect(declined).toContainText('stays unpaid');
  await expect(page.locator('.mantine-Badge-root').filter({ hasText: /^Unpaid$/ })).toBeVisible();
  found.push(...(await axeViolations(page, 'invoice-declined')));

  await page.getByRole('link', { name: 'Payment Methods' }).click();
  const card = page.getByRole('article', { name: 'Visa •••• 0002' });
  await card.getByRole('button', { name: 'Edit Visa •••• 0002' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Visa •••• 0002' });
  await edit.getByRole('combobox', { name: 'Expiry month' }).selectOption('7');
  const year = String(new Date().getFullYear() + 4);
  await edit.getByRole('combobox', { name: 'Expiry year' }).selectOption(year);
  found.push(...(await axeViolations(page, 'edit-card')));
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(card).toContainText(`Expires 07/${year.slice(-2)}`);

  await card.getByRole('button', { name: 'Remove Visa •••• 0002' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Visa •••• 0002?' });
  await confirm.getByRole('button', { name: 'Remove card' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Visa •••• 0002 was removed.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No cards on file' })).toBeVisible();
  expect(found).toEqual([]);
});

test('at 390×844, a patient opens Client Wallet and sees the total, a credit with its expiry and a prepaid package', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const found: string[] = [];
  const patient = await createPatient('Wren');
  const empty = await createPatient('Ivy');
  const credit = await staff.post(`/api/v1/patients/${patient.id}/wallet/credits`, {
    data: { amountCents: 2_500, reason: 'Goodwill: waited 30 minutes', expiresOn: '2030-06-30' },
    headers: { 'Idempotency-Key': `e2e-wallet-${patient.id}` },
  });
  expect(credit.status(), await credit.text()).toBe(201);
  const peel = await prepaidPackage(patient);

  await signInByEmail(page, patient.email);
  // Past the phone's four tabs, the wallet is under More.
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Client Wallet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Client Wallet' })).toBeVisible();
  const myWallet = page.getByRole('region', { name: 'My Wallet' });
  await expect(myWallet).toContainText(dollars(2_500));
  const credits = page.getByRole('region', { name: 'Dollar Credits & Rewards' });
  await expect(credits.getByRole('listitem')).toHaveCount(1);
  await expect(credits.getByRole('listitem')).toContainText('Goodwill: waited 30 minutes');
  await expect(credits.getByRole('listitem')).toContainText('Use by Jun 30, 2030');
  const prepaid = page.getByRole('region', { name: 'Products & Services' });
  await expect(prepaid.getByRole('listitem')).toHaveCount(1);
  await expect(prepaid.getByRole('listitem')).toContainText(peel);
  await expect(prepaid.getByRole('listitem')).toContainText('3 of 3 left');
  await review(page, 'wallet', found);

  // A client with nothing in the wallet is told so in each section.
  await page.getByRole('button', { name: 'Log out' }).click();
  await signInByEmail(page, empty.email);
  await page.goto(at('/portal/demo/wallet'));
  await expect(page.getByRole('region', { name: 'My Wallet' })).toContainText(dollars(0));
  await expect(page.getByText('You have no dollar credits or rewards right now.')).toBeVisible();
  await expect(page.getByText(/^No prepaid products or services\./)).toBeVisible();
  await review(page, 'wallet-empty', found);
  expect(found).toEqual([]);
});

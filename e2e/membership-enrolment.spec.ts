import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import type { ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { getJson, postJson, type Clinic } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD } from './sign-in.ts';
import { emailedCode, startDemoServerWithMail, type DemoServerWithMail } from './mail-server.ts';

// Enrolment in a membership plan whose agreement is signed within it: the front desk enrols a
// client from the profile's Membership Plan form (agreement signed on the spot, card on file,
// a coupon) and opens the first invoice; a patient joins in the portal's Become A Member at
// phone width (plan, agreement read and signed, card, confirm). The plan, its agreement and
// the coupon are made through the staff API. Like portal-payments.spec.ts, the spec runs its
// own server (the portal's sign-in codes arrive at an SMTP server in this process).
//
// With E2E_SCREENSHOT_DIR set, the screens are photographed at 390×844, 1024×768 and 1440×900.

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const PHONE = { width: 390, height: 844 };
const SIZES = [PHONE, { width: 1024, height: 768 }, { width: 1440, height: 900 }];

let smtp: TestSmtpServer;
let server: ServerProcess;
let demo: DemoServerWithMail;
let staff: APIRequestContext;
let plan: { id: string; name: string };
let couponCode: string;

const at = (path: string) => `${server.baseUrl}${path}`;
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe.configure({ mode: 'serial', timeout: 90_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startDemoServerWithMail('membership-enrolment');
  ({ smtp, server, staff } = demo);

  const clinic = (await getJson<{ items: Clinic[] }>(staff, '/api/v1/clinics')).items.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const agreement = await postJson<{ id: string }>(staff, '/api/v1/paperwork-templates', {
    kind: 'consent',
    name: `Radiance Club agreement ${unique()}`,
    body: 'I agree to pay the membership fee on my draw day each month. Cancelling refunds nothing already paid.',
  });
  plan = await postJson<{ id: string; name: string }>(staff, '/api/v1/membership-plans', {
    name: `Radiance Club ${unique()}`,
    description: 'A monthly facial and 10% off skincare.',
    monthlyPriceCents: 9_900,
    yearlyPriceCents: 99_000,
    signUpFeeCents: 2_500,
    minimumTermMonths: 6,
    clinicIds: [clinic.id],
    soldOnline: true,
    agreementTemplateId: agreement.id,
    perks: { tierName: 'Gold', tierColor: '#C9A227', discountPercent: 10 },
  });
  couponCode = `GLOW${unique().toUpperCase()}`.slice(0, 20);
  await postJson(staff, '/api/v1/coupons', { code: couponCode, percentOff: 20, duration: 'once', planIds: [plan.id] });
});

test.afterAll(async () => {
  await demo?.stop();
});

async function createPatient(firstName: string): Promise<{ id: string; firstName: string; lastName: string; email: string }> {
  const suffix = unique();
  const patient = await postJson<{ id: string; firstName: string; lastName: string; email: string }>(staff, '/api/v1/patients', {
    firstName,
    lastName: `Member${suffix}`,
    email: `${firstName.toLowerCase()}-${suffix}@example.com`,
  });
  await postJson(staff, `/api/v1/patients/${patient.id}/payment-methods`, { gatewayToken: 'pm_card_visa' });
  return patient;
}

async function drawSignature(page: Page, pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  await page.mouse.move(box.x + 30, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 90, box.y + 40, { steps: 8 });
  await page.mouse.move(box.x + 170, box.y + 110, { steps: 8 });
  await page.mouse.up();
}

async function photograph(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize() ?? PHONE;
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotDir, `membership-${name}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize(viewport);
}

test('the front desk enrols a client from the profile: agreement signed on the spot, card on file, coupon; SAVE charges the first invoice', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const patient = await createPatient('Celine');
  await page.goto(at('/login'));
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
  await page.goto(at(`/clients/${patient.id}`));
  const card = page.getByRole('region', { name: 'Memberships' });
  await expect(card).toContainText('Not a member');

  await card.getByRole('button', { name: 'Membership Plan' }).click();
  const form = page.getByRole('dialog', { name: `Membership Plan for ${patient.firstName} ${patient.lastName}` });
  await form.getByRole('combobox', { name: 'Plan' }).click();
  await page.getByRole('option', { name: plan.name }).click();
  const details = form.getByTestId('plan-details');
  await expect(details).toContainText('$99.00 / month');
  await expect(details).toContainText('Sign-up fee: $25.00');
  await expect(details).toContainText('Minimum term: 6 months');
  await expect(details).toContainText('Gold tier');
  await expect(form.getByRole('radio', { name: /Visa •••• 4242/ })).toBeChecked();
  await form.getByRole('textbox', { name: 'Coupon code' }).fill('NOSUCHCODE');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('The client signs the agreement before enrolling')).toBeVisible();

  await form.getByRole('button', { name: 'Sign Now' }).click();
  await expect(form.getByTestId('agreement-text')).toContainText('Cancelling refunds nothing');
  await expect(form.getByRole('textbox', { name: "Client's full name" })).toHaveValue(`${patient.firstName} ${patient.lastName}`);
  await drawSignature(page, form.getByRole('img', { name: "Client's signature: draw here" }));
  await photograph(page, 'staff-form-signing');
  await form.getByRole('button', { name: 'Sign Agreement' }).click();
  await expect(form.getByRole('region', { name: 'Agreement' })).toContainText('Signed by');

  // An unknown coupon is refused at its field, and nothing is enrolled.
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Coupon code was not found.')).toBeVisible();
  await expect(card).toContainText('Not a member');

  await form.getByRole('textbox', { name: 'Coupon code' }).fill(couponCode);
  await form.getByRole('button', { name: 'Save' }).click();
  // 20% off $99.00 is $79.20, and the $25.00 sign-up fee.
  await expect(form.getByText(`${patient.firstName} ${patient.lastName} is a member`)).toBeVisible();
  await expect(form).toContainText('$104.20 paid today');
  await photograph(page, 'staff-form-enrolled');
  await form.getByRole('link', { name: 'View the first invoice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Invoice #\d+/ })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(plan.name);
  await expect(page.getByRole('main')).toContainText('$104.20');
  await expect(page.getByRole('main')).toContainText('Paid');

  await page.goto(at(`/clients/${patient.id}`));
  const member = page.getByRole('region', { name: 'Memberships' }).getByTestId('client-membership');
  await expect(member).toContainText(plan.name);
  await expect(member).toContainText('Active');
  await expect(member).toContainText('next draw');
  await expect(member.getByRole('link', { name: plan.name })).toHaveAttribute('href', /\/memberships\//);
  await photograph(page, 'staff-profile');
});

test('at 390×844, a patient becomes a member in the portal: plan, agreement read and signed, card on file, confirm', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const patient = await createPatient('Mira');
  await page.goto(at('/portal/demo/sign-in'));
  await page.getByRole('button', { name: 'Use email to log in' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(patient.email);
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Code' }).fill(await emailedCode(smtp, patient.email, sentBefore));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/portal\/demo$/);

  await page.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Become A Member' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Become A Member' })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(plan.name) }).check();
  await expect(page.getByTestId('plan-details')).toContainText('$99.00 / month');

  await page.getByRole('button', { name: 'Become A Member' }).click();
  await expect(page.getByText('Read and sign the agreement first.')).toBeVisible();
  await page.getByRole('button', { name: 'Read and sign the agreement' }).click();
  await expect(page.getByTestId('agreement-text')).toContainText('Cancelling refunds nothing');
  await drawSignature(page, page.getByRole('img', { name: 'Your signature: drawing area' }));
  await page.getByRole('textbox', { name: 'Your full name' }).fill(`${patient.firstName} ${patient.lastName}`);
  await photograph(page, 'portal-signing');
  await page.getByRole('button', { name: 'Sign Agreement' }).click();
  await expect(page.getByRole('region', { name: '2. Agreement' })).toContainText(`signed by ${patient.firstName} ${patient.lastName}`);

  await expect(page.getByRole('radio', { name: /Visa •••• 4242/ })).toBeChecked();
  await page.getByRole('button', { name: 'Become A Member' }).click();
  await expect(page.getByRole('status').filter({ hasText: `You are a member of ${plan.name}.` })).toBeVisible();
  const mine = page.getByTestId('own-membership');
  await expect(mine).toContainText(plan.name);
  await expect(mine).toContainText('Active');
  await expect(mine).toContainText('next payment');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'the page is wider than the phone').toBeLessThanOrEqual(0);
  await photograph(page, 'portal-member');
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import type { ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { postJson } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD } from './sign-in.ts';
import { axeViolations } from './axe.ts';
import { emailedCode, startDemoServerWithMail, type DemoServerWithMail } from './mail-server.ts';

// Sign Up (New Client Registration) in the patient portal through the real UI: a new client
// registers on a phone and finishes with the code emailed to them (read from an SMTP server in
// this process, as portal.spec.ts does); a client whose email is already on file under another
// date of birth is told the clinic will link the registration, and the front desk merges it
// from Clients → Portal registrations. axe checks every screen.
//
// With E2E_SCREENSHOT_DIR set, every screen is also photographed.

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

let smtp: TestSmtpServer;
let server: ServerProcess;
let demo: DemoServerWithMail;
let staff: APIRequestContext;

function at(path: string): string {
  return `${server.baseUrl}${path}`;
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startDemoServerWithMail('sign-up');
  ({ smtp, server, staff } = demo);
});

test.afterAll(async () => {
  await demo?.stop();
});

async function review(page: Page, name: string, found: string[]): Promise<void> {
  found.push(...(await axeViolations(page, name)));
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `sign-up-${name}-${page.viewportSize()?.width ?? 0}.png`), fullPage: true });
}

/** From the portal's sign-in page to the registration form, filled in; returns the email used. */
async function fillRegistration(
  page: Page,
  found: string[],
  person: { firstName: string; lastName: string; email: string; dateOfBirth: string },
) {
  await page.goto(at('/portal/demo'));
  await expect(page).toHaveURL(/\/portal\/demo\/sign-in$/);
  await page.getByRole('link', { name: 'Sign Up' }).click();
  await expect(page).toHaveURL(/\/portal\/demo\/sign-up$/);
  await expect(page.getByRole('heading', { level: 1, name: 'New Client Registration' })).toBeVisible();
  await review(page, 'form', found);

  // Nothing filled in: the errors show at their fields.
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText('Enter your first name.')).toBeVisible();
  await review(page, 'form-errors', found);

  await page.getByRole('textbox', { name: 'First name' }).fill(person.firstName);
  await page.getByRole('textbox', { name: 'Last name' }).fill(person.lastName);
  await page.getByLabel('Date of birth').fill(person.dateOfBirth);
  await page.getByRole('textbox', { name: 'Email' }).fill(person.email);
  await expect(page.getByRole('radio', { name: 'Email' })).toBeChecked();
  await page.getByRole('combobox', { name: 'Gender' }).selectOption('female');
  await page.getByRole('textbox', { name: 'Street address' }).fill('48 Mercer St');
  await page.getByRole('textbox', { name: 'City' }).fill('New York');
  await page.getByRole('textbox', { name: 'State or region' }).fill('NY');
  await page.getByRole('textbox', { name: 'ZIP or postal code' }).fill('10013');
  await page.getByRole('combobox', { name: 'How did you hear about us?' }).selectOption('Instagram');
}

async function enterEmailedCode(page: Page, email: string, sentBefore: number, found: string[]) {
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  await expect(page.getByText(`A 6-digit code is on its way to ${email}.`, { exact: false })).toBeVisible();
  await review(page, 'code', found);
  const code = await emailedCode(smtp, email, sentBefore);
  await page.getByRole('textbox', { name: 'Code' }).fill(code);
  await page.getByRole('button', { name: 'Finish signing up' }).click();
}

test('at 390×844, a new client signs up by email code and lands on the dashboard', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const found: string[] = [];
  const email = `new-${Date.now().toString(36)}@example.com`;
  await fillRegistration(page, found, { firstName: 'Noor', lastName: 'Haddad', email, dateOfBirth: '1994-05-06' });
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Sign up' }).click();
  await enterEmailedCode(page, email, sentBefore, found);

  await expect(page).toHaveURL(/\/portal\/demo$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Noor' })).toBeVisible();
  await review(page, 'dashboard', found);
  expect(found).toEqual([]);

  const clients = await staff.get(`/api/v1/patients?q=${encodeURIComponent(email)}`);
  const [client] = ((await clients.json()) as { items: { id: string; firstName: string; email: string }[] }).items;
  expect(client).toMatchObject({ firstName: 'Noor', email });
});

test('at 1440×900, an email already on file under another birth date is queued, and the front desk merges it', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  const found: string[] = [];
  const email = `family-${Date.now().toString(36)}@example.com`;
  const existing = await postJson<{ id: string }>(staff, '/api/v1/patients', {
    firstName: 'Rana',
    lastName: 'Haddad',
    email,
    dateOfBirth: '1961-02-03',
  });
  await fillRegistration(page, found, { firstName: 'Lina', lastName: 'Haddad', email, dateOfBirth: '1996-09-10' });
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Sign up' }).click();
  await enterEmailedCode(page, email, sentBefore, found);
  await expect(page.getByRole('heading', { level: 1, name: 'Thanks, we have your registration' })).toBeVisible();
  await expect(page.getByText('Rana')).toHaveCount(0);
  await review(page, 'queued', found);

  // The front desk, in the staff app: Clients → Portal registrations.
  await page.goto(at('/login'));
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
  await page.goto(at('/clients'));
  await page.getByRole('link', { name: /Portal registrations/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Portal registrations' })).toBeVisible();
  const registration = page.getByRole('article', { name: /Lina Haddad/ });
  await expect(registration.getByText('Rana Haddad')).toBeVisible();
  await review(page, 'staff-queue', found);
  await registration.getByRole('button', { name: 'Create as new client' }).click();
  await expect(page.getByText('Lina Haddad is now a client.')).toBeVisible();
  await expect(page.getByRole('article', { name: /Lina Haddad/ })).toHaveCount(0);
  expect(found).toEqual([]);
  expect(existing.id).toBeTruthy();
});

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { startTestSmtpServer, type TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import { startServerProcess, type ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { getJson, postJson, type Clinic, type Service } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD } from './sign-in.ts';

// The portal's Profile page and guardian access through the real UI on a phone: a patient
// edits the address and preferences, changes the email with a code read from an SMTP server
// in this process, and, once staff granted access, switches to a child's profile. Like
// portal.spec.ts, this spec runs a server of its own with SMTP_URL pointing at that server.
//
// With E2E_SCREENSHOT_DIR set, the pages are also photographed at 390×844 and 1440×900.

const root = resolve(import.meta.dirname, '..');
const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

interface Patient {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
}

let smtp: TestSmtpServer;
let server: ServerProcess;
let dataDir: string;
let staff: APIRequestContext;

const at = (path: string) => `${server.baseUrl}${path}`;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  smtp = await startTestSmtpServer();
  dataDir = mkdtempSync(join(tmpdir(), 'glowdesk-e2e-portal-profile-'));
  const { DATABASE_URL: _sharedDatabase, ...inherited } = process.env;
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', 'seed-demo'], {
    cwd: root,
    env: { ...inherited, GLOWDESK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    maxBuffer: 16 * 1024 * 1024,
  });
  server = await startServerProcess({
    GLOWDESK_DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    LOG_LEVEL: 'warn',
    GLOWDESK_DEMO: '0',
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Lumière Aesthetics <hello@demo.glowdesk.app>',
    WEB_DIST_DIR: resolve(root, process.env.E2E_WEB_OUT_DIR ?? 'apps/web/dist'),
  });
  staff = await playwrightRequest.newContext({ baseURL: server.baseUrl });
  await postJson(staff, '/api/v1/auth/login', { email: DEMO_OWNER.email, password: DEMO_PASSWORD });
});

test.afterAll(async () => {
  await staff?.dispose();
  await server?.stop();
  await smtp?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

let serial = 0;
async function createPatient(firstName: string, lastName: string, fields: Record<string, string> = {}): Promise<Patient> {
  serial += 1;
  const unique = `${Date.now().toString(36)}${serial}`;
  return postJson<Patient>(staff, '/api/v1/patients', {
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}-${unique}@example.com`,
    ...fields,
  });
}

/** Books Botox at SoHo for the patient a few days ahead. */
async function bookBotox(patient: Patient): Promise<void> {
  const clinic = (await getJson<{ items: Clinic[] }>(staff, '/api/v1/clinics')).items.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const services = (await getJson<{ items: Service[] }>(staff, `/api/v1/services?clinicId=${clinic.id}&active=true`)).items;
  const botox = services.find((service) => service.name.startsWith('Botox'));
  if (!botox) throw new Error('the demo SoHo clinic offers no Botox');
  const from = new Date(Date.now() + 4 * 24 * 3_600_000);
  const to = new Date(from.getTime() + 10 * 24 * 3_600_000);
  const query = new URLSearchParams({ clinicId: clinic.id, serviceIds: botox.id, from: from.toISOString(), to: to.toISOString() });
  const slot = (
    await getJson<{ slots: { start: string; providerIds: string[] }[] }>(staff, `/api/v1/availability?${query.toString()}`)
  ).slots.at(serial);
  if (!slot) throw new Error('no open Botox slot at SoHo');
  await postJson(staff, '/api/v1/appointments', {
    mode: 'in_person',
    clinicId: clinic.id,
    providerId: slot.providerIds[0],
    serviceIds: [botox.id],
    start: slot.start,
    patientId: patient.id,
  });
}

/** The newest code emailed to the address after `after` messages, once it arrives. */
async function emailedCode(email: string, after: number): Promise<string> {
  const toAddress = () => smtp.received.slice(after).filter((message) => message.envelopeTo.includes(email));
  await expect.poll(() => toAddress().length, { timeout: 20_000 }).toBeGreaterThan(0);
  const code = toAddress()
    .at(-1)
    ?.parsed?.text?.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error(`the email to ${email} holds no code`);
  return code;
}

async function axeViolations(page: Page, screen: string): Promise<string[]> {
  await page.waitForTimeout(350);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations as { id: string; help: string; nodes: { target: unknown[] }[] }[];
  }, WCAG_21_AA);
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${screen}: ${violation.id} ${violation.help} — ${JSON.stringify(node.target)}`),
  );
}

/** Checks the page with axe and, when asked for, photographs it at this width and at a desktop's. */
async function review(page: Page, name: string, found: string[]): Promise<void> {
  found.push(...(await axeViolations(page, name)));
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize() ?? PHONE;
  for (const size of [viewport, DESKTOP]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(screenshotDir, `portal-${name}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize(viewport);
}

async function signInByEmail(page: Page, email: string): Promise<void> {
  await page.goto(at('/portal/demo/sign-in'));
  await page.getByRole('button', { name: 'Use email to log in' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Code' }).fill(await emailedCode(email, sentBefore));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/portal\/demo$/);
}

test('at 390×844, a patient edits the profile, changes the email with a code, and switches to a child’s profile once granted', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  const found: string[] = [];
  const parent = await createPatient('Nora', `Lindqvist${Date.now().toString(36)}`, { dateOfBirth: '1986-09-14' });
  const child = await createPatient('Mia', parent.lastName, { dateOfBirth: '2014-02-03' });
  await bookBotox(child);
  if (!parent.email) throw new Error('the parent has no email');

  await signInByEmail(page, parent.email);
  await expect(page.getByRole('combobox', { name: 'Viewing' })).toHaveCount(0);
  // On a phone, Profile is under the tab bar's More.
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
  const details = page.getByRole('region', { name: 'Personal details' });
  await expect(details).toContainText(`Nora ${parent.lastName}`);
  await expect(details).toContainText('Sep 14, 1986');
  await review(page, 'profile', found);

  // The address and preferences save directly.
  const address = page.getByRole('form', { name: 'Address' });
  await address.getByRole('textbox', { name: 'Street address' }).fill('88 Mercer St');
  await address.getByRole('textbox', { name: 'City' }).fill('New York');
  await address.getByRole('textbox', { name: 'State or region' }).fill('NY');
  await address.getByRole('textbox', { name: 'ZIP or postal code' }).fill('10012');
  await address.getByRole('textbox', { name: 'Country code' }).fill('us');
  await address.getByRole('button', { name: 'Save address' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Address saved' })).toBeVisible();
  const preferences = page.getByRole('form', { name: 'Communication preferences' });
  await preferences.getByRole('checkbox', { name: /Send me offers and news/ }).check();
  await preferences.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Preferences saved' })).toBeVisible();
  let onFile = await getJson<{ addressLine1: string; country: string; marketingConsent: boolean; email: string }>(
    staff,
    `/api/v1/patients/${parent.id}`,
  );
  expect(onFile).toMatchObject({ addressLine1: '88 Mercer St', country: 'US', marketingConsent: true, email: parent.email });

  // The email changes only once the code sent to the new address is entered.
  const newEmail = `nora-new-${Date.now().toString(36)}@example.com`;
  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByRole('textbox', { name: 'New email address' }).fill(newEmail);
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText(`We sent a 6-digit code to ${newEmail}`)).toBeVisible();
  await review(page, 'profile-email-code', found);
  const code = await emailedCode(newEmail, sentBefore);
  onFile = await getJson(staff, `/api/v1/patients/${parent.id}`);
  expect(onFile.email).toBe(parent.email);
  const wrong = code === '000000' ? '111111' : '000000';
  const codeForm = page.getByRole('form', { name: 'Code for the new contact' });
  await codeForm.getByRole('textbox', { name: 'Code' }).fill(wrong);
  await codeForm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('That code is not right or has expired.', { exact: false })).toBeVisible();
  await codeForm.getByRole('textbox', { name: 'Code' }).fill(code);
  await codeForm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Email updated.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contact' })).toContainText(newEmail);
  onFile = await getJson(staff, `/api/v1/patients/${parent.id}`);
  expect(onFile.email).toBe(newEmail);

  // Staff grant Nora access to Mia's profile: the switcher appears after a reload.
  await postJson(staff, `/api/v1/patients/${child.id}/guardians`, { guardianPatientId: parent.id });
  await page.reload();
  const viewing = page.getByRole('combobox', { name: 'Viewing' });
  await expect(viewing).toBeVisible();
  await viewing.selectOption({ label: `Mia ${child.lastName}` });
  await expect(page.getByRole('heading', { level: 1, name: 'Mia’s profile' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Personal details' })).toContainText('Feb 3, 2014');
  await review(page, 'profile-dependant', found);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Appointments' }).click();
  const card = page.getByRole('list', { name: 'Upcoming appointments' }).getByRole('article');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Botox');
  await review(page, 'appointments-dependant', found);

  await viewing.selectOption({ label: `Me (Nora ${parent.lastName})` });
  await expect(page.getByRole('heading', { name: 'No upcoming appointments' })).toBeVisible();

  expect(found, found.join('\n')).toEqual([]);
});

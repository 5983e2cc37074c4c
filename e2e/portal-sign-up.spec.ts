import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { startTestSmtpServer, type TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import { startServerProcess, type ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { postJson } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD } from './sign-in.ts';

// Sign Up (New Client Registration) in the patient portal through the real UI: a new client
// registers on a phone and finishes with the code emailed to them (read from an SMTP server in
// this process, as portal.spec.ts does); a client whose email is already on file under another
// date of birth is told the clinic will link the registration, and the front desk merges it
// from Clients → Portal registrations. axe checks every screen.
//
// With E2E_SCREENSHOT_DIR set, every screen is also photographed.

const root = resolve(import.meta.dirname, '..');
const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

let smtp: TestSmtpServer;
let server: ServerProcess;
let dataDir: string;
let staff: APIRequestContext;

function at(path: string): string {
  return `${server.baseUrl}${path}`;
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  smtp = await startTestSmtpServer();
  dataDir = mkdtempSync(join(tmpdir(), 'glowdesk-e2e-sign-up-'));
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

/** The newest code emailed to the address, once it arrives. */
async function emailedCode(email: string, after: number): Promise<string> {
  await expect
    .poll(() => smtp.received.slice(after).filter((message) => message.envelopeTo.includes(email)).length, { timeout: 20_000 })
    .toBeGreaterThan(0);
  const message = smtp.received
    .slice(after)
    .filter((received) => received.envelopeTo.includes(email))
    .at(-1);
  const code = message?.parsed?.text?.match(/\b\d{6}\b/)?.[0];
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
  const code = await emailedCode(email, sentBefore);
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

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { startTestSmtpServer, type TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import { startServerProcess, type ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { getJson, postJson } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD } from './sign-in.ts';

// Prescriptions through the real UI: the owner records one on a client's profile and
// discontinues another (with its confirmation), then the client signs in to the portal on a
// phone with a code read from an SMTP server in this process and sees both, read-only. Like
// portal-profile.spec.ts, this spec runs a server of its own with SMTP_URL pointing at that server.
//
// With E2E_SCREENSHOT_DIR set, the profile's card and the portal page are photographed at
// 1440×900, 1024×768 and 390×844.

const root = resolve(import.meta.dirname, '..');
const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];

let smtp: TestSmtpServer;
let server: ServerProcess;
let dataDir: string;
let staff: APIRequestContext;

const at = (path: string) => `${server.baseUrl}${path}`;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  smtp = await startTestSmtpServer();
  dataDir = mkdtempSync(join(tmpdir(), 'glowdesk-e2e-prescriptions-'));
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

async function photograph(page: Page, name: string, focus?: () => Promise<void>): Promise<void> {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    if (focus) await focus();
    await page.screenshot({ path: join(screenshotDir, `${name}-${size.width}.png`), fullPage: true });
  }
  if (viewport) await page.setViewportSize(viewport);
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

test('staff record and discontinue prescriptions on a client’s profile, and the client reads them in the portal on a phone', async ({
  page,
  browser,
}) => {
  const found: string[] = [];
  const unique = Date.now().toString(36);
  const patient = await postJson<{ id: string; lastName: string; email: string }>(staff, '/api/v1/patients', {
    firstName: 'Ines',
    lastName: `Okafor${unique}`,
    email: `ines-${unique}@example.com`,
  });

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(at('/login'));
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
  await page.goto(at(`/clients/${patient.id}`));
  const card = page.getByRole('region', { name: 'Prescriptions' });
  await expect(card.getByText('No prescriptions on file.')).toBeVisible();

  // A quantity out of range is named beside its field before anything is sent.
  await card.getByRole('button', { name: 'New Prescription' }).click();
  let dialog = page.getByRole('dialog', { name: /New Prescription for Ines/ });
  await dialog.getByRole('textbox', { name: 'Drug' }).fill('Tretinoin cream');
  await dialog.getByRole('textbox', { name: 'Strength' }).fill('0.025%');
  await dialog.getByRole('textbox', { name: 'Directions' }).fill('Apply a pea-sized amount at night.');
  await dialog.getByRole('textbox', { name: 'Quantity' }).fill('0');
  await dialog.getByRole('textbox', { name: 'Refills' }).fill('2');
  await dialog.getByRole('button', { name: 'Save Prescription' }).click();
  await expect(dialog.getByText('Enter a whole number from 1 to 9999.')).toBeVisible();
  found.push(...(await axeViolations(page, 'new-prescription-dialog')));
  await dialog.getByRole('textbox', { name: 'Quantity' }).fill('1');
  await dialog.getByRole('button', { name: 'Save Prescription' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card.getByRole('article', { name: 'Tretinoin cream 0.025%' })).toContainText('Qty 1 · 2 refills');

  await card.getByRole('button', { name: 'New Prescription' }).click();
  dialog = page.getByRole('dialog', { name: /New Prescription for Ines/ });
  await dialog.getByRole('textbox', { name: 'Drug' }).fill('Valacyclovir');
  await dialog.getByRole('textbox', { name: 'Strength' }).fill('500 mg tablet');
  await dialog.getByRole('textbox', { name: 'Directions' }).fill('1 tablet twice daily from the day before the laser, for 5 days.');
  await dialog.getByRole('textbox', { name: 'Quantity' }).fill('10');
  await dialog.getByRole('textbox', { name: 'Refills' }).fill('0');
  await dialog.getByRole('button', { name: 'Save Prescription' }).click();
  await expect(dialog).toHaveCount(0);

  // Discontinue asks for a reason and confirmation; the prescription stays in the history.
  await card.getByRole('button', { name: 'Discontinue Valacyclovir' }).click();
  const confirm = page.getByRole('dialog', { name: 'Discontinue Valacyclovir?' });
  await confirm.getByRole('button', { name: 'Discontinue' }).click();
  await expect(confirm.getByText('Give a reason; it is kept with the prescription.')).toBeVisible();
  await confirm.getByRole('textbox', { name: 'Reason' }).fill('Laser treatment postponed.');
  await confirm.getByRole('button', { name: 'Discontinue' }).click();
  await expect(confirm).toHaveCount(0);
  const stopped = card.getByRole('article', { name: 'Valacyclovir 500 mg tablet' });
  await expect(stopped).toContainText('Discontinued');
  await expect(stopped).toContainText('Laser treatment postponed.');
  await expect(card.getByRole('button', { name: 'Discontinue Valacyclovir' })).toHaveCount(0);
  found.push(...(await axeViolations(page, 'client-profile-prescriptions')));
  await photograph(page, 'prescriptions-profile', () => card.scrollIntoViewIfNeeded());

  const listed = await getJson<{ items: { drug: string; status: string; prescriber: { displayName: string } }[] }>(
    staff,
    `/api/v1/patients/${patient.id}/prescriptions`,
  );
  expect(listed.items.map((item) => [item.drug, item.status, item.prescriber.displayName])).toEqual([
    ['Valacyclovir', 'discontinued', DEMO_OWNER.name],
    ['Tretinoin cream', 'active', DEMO_OWNER.name],
  ]);

  // The client signs in to the portal on a phone and finds the page under More.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const portal = await phone.newPage();
  await portal.goto(at('/portal/demo/sign-in'));
  await portal.getByRole('button', { name: 'Use email to log in' }).click();
  await portal.getByRole('textbox', { name: 'Email' }).fill(patient.email);
  const sentBefore = smtp.received.length;
  await portal.getByRole('button', { name: 'Send code' }).click();
  await expect(portal.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  await portal.getByRole('textbox', { name: 'Code' }).fill(await emailedCode(patient.email, sentBefore));
  await portal.getByRole('button', { name: 'Sign in' }).click();
  await expect(portal).toHaveURL(/\/portal\/demo$/);
  await portal.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'More' }).click();
  await portal.getByRole('menuitem', { name: 'Prescriptions' }).click();
  await expect(portal.getByRole('heading', { level: 1, name: 'Prescriptions' })).toBeVisible();
  const tretinoin = portal.getByRole('article', { name: 'Tretinoin cream 0.025%' });
  await expect(tretinoin).toContainText('Active');
  await expect(tretinoin).toContainText('Quantity 1 · 2 refills');
  await expect(tretinoin).toContainText(`by ${DEMO_OWNER.name}`);
  const valacyclovir = portal.getByRole('article', { name: 'Valacyclovir 500 mg tablet' });
  await expect(valacyclovir).toContainText('Discontinued');
  await expect(valacyclovir).not.toContainText('Laser treatment postponed.');
  await expect(portal.getByRole('button', { name: /Discontinue|New Prescription/ })).toHaveCount(0);
  found.push(...(await axeViolations(portal, 'portal-prescriptions')));
  await photograph(portal, 'prescriptions-portal');
  await phone.close();

  expect(found).toEqual([]);
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import type { ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { axeViolations } from './axe.ts';
import { getJson, postJson } from './book-helpers.ts';
import { emailedCode, startDemoServerWithMail, type DemoServerWithMail } from './mail-server.ts';
import { DEMO_OWNER, DEMO_PASSWORD } from './sign-in.ts';

// Prescriptions through the real UI: the owner records one on a client's profile and
// discontinues another (with its confirmation), then the client signs in to the portal on a
// phone with a code read from an SMTP server in this process and sees both, read-only. Like
// portal-profile.spec.ts, this spec runs a server of its own with SMTP_URL pointing at that server.
//
// With E2E_SCREENSHOT_DIR set, the profile's card and the portal page are photographed at
// 1440×900, 1024×768 and 390×844.

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];

let demo: DemoServerWithMail;
let smtp: TestSmtpServer;
let server: ServerProcess;
let staff: APIRequestContext;

const at = (path: string) => `${server.baseUrl}${path}`;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startDemoServerWithMail('prescriptions');
  ({ smtp, server, staff } = demo);
});

test.afterAll(async () => {
  await demo?.stop();
});

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
  await portal.getByRole('textbox', { name: 'Code' }).fill(await emailedCode(smtp, patient.email, sentBefore));
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

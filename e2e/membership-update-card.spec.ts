import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { getJson } from './book-helpers.ts';
import { atEachScreenSize, screenshotDir } from './screen-sizes.ts';
import { emailedCode, startDemoServerWithMail, type DemoServerWithMail } from './mail-server.ts';

// Update card in the portal: the demo's Past Due member (their draw was declined yesterday)
// signs in at phone width, finds the membership in Become A Member with Update card, picks the
// card on file that was not declined, and the outstanding payment is charged at once: the
// membership is Active again. The spec runs its own server (sign-in codes arrive by email).
//
// With E2E_SCREENSHOT_DIR set, the Update card page is photographed at 390×844, 1024×768 and 1440×900.

const PHONE = { width: 390, height: 844 };

let demo: DemoServerWithMail;
let staff: APIRequestContext;

test.describe.configure({ mode: 'serial', timeout: 90_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startDemoServerWithMail('membership-update-card');
  staff = demo.staff;
});

test.afterAll(async () => {
  await demo.stop();
});

async function photograph(page: Page, name: string): Promise<void> {
  const shots = screenshotDir();
  if (!shots) return;
  await atEachScreenSize(page, async ({ width }) => {
    await page.screenshot({ path: join(shots, `membership-${name}-${width}.png`), fullPage: true });
  });
}

test('at 390×844, a Past Due member updates the card in the portal and the outstanding payment is charged at once', async ({ page }) => {
  const pastDue = (
    await getJson<{ items: { id: string; patientId: string; planName: string; paymentMethod: { id: string } }[] }>(
      staff,
      '/api/v1/memberships?status=past_due',
    )
  ).items[0];
  if (!pastDue) throw new Error('the demo has no Past Due member');
  const patient = await getJson<{ email: string | null }>(staff, `/api/v1/patients/${pastDue.patientId}`);
  if (!patient.email) throw new Error('the demo Past Due member has no email address');

  await page.setViewportSize(PHONE);
  const at = (path: string) => `${demo.server.baseUrl}${path}`;
  await page.goto(at('/portal/demo/sign-in'));
  await page.getByRole('button', { name: 'Use email to log in' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(patient.email);
  const sentBefore = demo.smtp.received.length;
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Code' }).fill(await emailedCode(demo.smtp, patient.email, sentBefore));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/portal\/demo$/);

  await page.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Become A Member' }).click();
  const mine = page.getByTestId('own-membership').filter({ hasText: pastDue.planName });
  await expect(mine).toContainText('Past Due');
  await expect(mine).toContainText('A payment did not go through');
  await mine.getByRole('link', { name: /^Update card/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Update card' })).toBeVisible();
  await expect(page.getByText('Your last payment did not go through')).toBeVisible();
  // The card that was declined is on the membership now; the page offers another one. The demo
  // may have given this client a second Visa at a past checkout, so exactly one of them is chosen.
  await expect(page.getByRole('radio', { name: /on this membership now/ })).not.toBeChecked();
  await expect(page.getByRole('radio', { name: /Visa •••• 4242/, checked: true })).toHaveCount(1);
  expect(await axeViolations(page, 'update card')).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'the page is wider than the phone').toBeLessThanOrEqual(0);
  await photograph(page, 'portal-update-card');

  await page.getByRole('button', { name: 'Update card and pay' }).click();
  await expect(page.getByRole('status').filter({ hasText: /was charged \$[\d,.]+ and your .* membership is active again/ })).toBeVisible();
  await photograph(page, 'portal-card-updated');

  const after = await getJson<{ status: string; paymentMethod: { id: string } }>(staff, `/api/v1/memberships/${pastDue.id}`);
  expect(after.status).toBe('active');
  expect(after.paymentMethod.id).not.toBe(pastDue.paymentMethod.id);
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { getJson } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// Pictures of the main screens for a person to review; only when E2E_SCREENSHOT_DIR names a folder:
//   E2E_SCREENSHOT_DIR=/tmp/gd-shots node scripts/e2e.mjs screenshots
const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
test.skip(!screenshotDir, 'set E2E_SCREENSHOT_DIR to take screenshots');

async function shoot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  // Let transitions (modals, menus) settle.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

test('screens as the owner', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await shoot(page, '01-login');

  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await shoot(page, '02-login-wrong-password');

  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await shoot(page, '03-appointments');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await shoot(page, '03b-appointments-keyboard-focus', { fullPage: false });
  await page.getByText('Week', { exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Provider' })).toBeVisible();
  await shoot(page, '03c-appointments-week');

  await page.goto('/clients');
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await shoot(page, '04-clients');

  await page.goto('/settings/staff');
  await expect(page.getByRole('row', { name: /Priya Patel/ })).toBeVisible();
  await shoot(page, '05-settings-staff');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByRole('dialog', { name: 'Add staff member' })).toBeVisible();
  await shoot(page, '06-settings-staff-add-modal');
  await page.getByRole('dialog').getByRole('button', { name: 'Add staff member' }).click();
  await shoot(page, '07-settings-staff-add-modal-errors');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Actions for Priya Patel' }).click();
  await shoot(page, '08-settings-staff-row-menu');
  await page.getByRole('menuitem', { name: 'Deactivate', exact: true }).click();
  await shoot(page, '09-settings-staff-deactivate');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Actions for Priya Patel' }).click();
  await page.getByRole('menuitem', { name: 'Change role', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Change role' })).toBeVisible();
  await shoot(page, '09b-settings-staff-change-role');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page
    .getByRole('navigation', { name: 'Settings' })
    .getByRole('link', { name: /Audit log/ })
    .click();
  await expect(page.getByRole('table')).toBeVisible();
  await shoot(page, '10-audit-log', { fullPage: false });
  await page.getByRole('combobox', { name: 'Action' }).click();
  await shoot(page, '11-audit-log-action-filter', { fullPage: false });
  await page.getByRole('option', { name: 'Staff account created' }).click();
  await expect(page).toHaveURL(/action=staff\.create/);
  await page
    .getByRole('button', { name: /Show details: Staff account created/ })
    .first()
    .click();
  await shoot(page, '12-audit-log-expanded', { fullPage: false });
  await page.goto('/settings/audit-log?action=auth.login');
  await expect(page.getByRole('row', { name: /Staff account created/ })).toHaveCount(0);
  await shoot(page, '13-audit-log-filtered');
  await page.goto('/settings/audit-log?from=2026-03-09&to=2026-03-01');
  await expect(page.getByText('Pick a date on or after the "From" date.')).toBeVisible();
  await shoot(page, '13b-audit-log-backwards-range', { fullPage: false });
});

test('screens as the front desk', async ({ page }) => {
  await signIn(page, 'frontdesk@demo.glowdesk.app', DEMO_PASSWORD);
  await page.goto('/settings/audit-log');
  await expect(page.getByRole('heading', { name: 'Your role cannot view the audit log' })).toBeVisible();
  await shoot(page, '14-audit-log-refused-front-desk');
  await page.getByRole('button', { name: /Priya Patel/ }).click();
  await shoot(page, '15-user-menu');
});

test('narrow screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/login');
  await shoot(page, '16-login-phone');
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await shoot(page, '17-appointments-phone-menu');
});

const screenSizes = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'tablet', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
];

test('every staff page on a desktop, a tablet and a phone', async ({ page }) => {
  test.setTimeout(900_000);
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  // A day of the coming week with bookings on it, so the book's cards and drawer show.
  const from = new Date();
  const upcoming = (
    await getJson<{ items: { start: string; timeZone: string; clinicId: string }[] }>(
      page.request,
      `/api/v1/appointments?from=${from.toISOString()}&to=${new Date(from.getTime() + 7 * 86_400_000).toISOString()}`,
    )
  ).items.find((item) => new Date(item.start).getTime() > from.getTime() + 86_400_000);
  const bookDay = upcoming
    ? `clinic=${upcoming.clinicId}&date=${new Intl.DateTimeFormat('en-CA', { timeZone: upcoming.timeZone }).format(new Date(upcoming.start))}`
    : '';
  const patient = (await getJson<{ items: { id: string }[] }>(page.request, '/api/v1/patients?limit=1')).items[0];
  const invoice = (await getJson<{ items: { id: string }[] }>(page.request, '/api/v1/invoices?limit=1')).items[0];
  const settings = [
    'staff',
    'clinics',
    'rooms-and-equipment',
    'services',
    'packages',
    'forms',
    'providers',
    'schedules',
    'messages',
    'message-templates',
    'reminders',
    'audit-log',
  ];
  const pages: [string, string][] = [
    ['book-day', `/appointments?${bookDay}`],
    ['book-week', `/appointments?view=week&${bookDay}`],
    ['no-shows', '/appointments/no-shows'],
    ['clients', '/clients'],
    ...(patient ? [['client-profile', `/clients/${patient.id}`] as [string, string]] : []),
    ['sales', '/sales'],
    ...(invoice ? [['invoice', `/sales/invoices/${invoice.id}`] as [string, string]] : []),
    ['settings', '/settings'],
    ...settings.map((section): [string, string] => [`settings-${section}`, `/settings/${section}`]),
  ];
  for (const size of screenSizes) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const [name, path] of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await shoot(page, `${size.name}-${name}`, { fullPage: false });
    }
    await page.goto(`/appointments?${bookDay}`);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'New appointment' });
    await form.getByRole('combobox', { name: 'Service' }).click();
    await page.getByRole('option').first().click();
    await expect(form.getByRole('region', { name: 'Open times' })).toBeVisible();
    await shoot(page, `${size.name}-book-new-appointment`, { fullPage: false });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Find a time' }).click();
    await expect(page.getByRole('dialog', { name: 'Find a time' })).toBeVisible();
    await shoot(page, `${size.name}-book-find-a-time`, { fullPage: false });
    await page.keyboard.press('Escape');
    await page.locator('[data-appointment-id]').first().click();
    await shoot(page, `${size.name}-book-appointment-drawer`, { fullPage: false });
  }
});

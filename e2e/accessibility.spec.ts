import { expect, test, type Page } from '@playwright/test';
import { busyDemoDate } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';
import { axeViolations } from './axe.ts';

// axe-core checks each screen against WCAG 2.1 A and AA in the page itself (e2e/axe.ts).

async function openPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator('h1').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
}

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  test.describe.configure({ timeout: 240_000 });

  test('the sign-in page, also with a refused password', async ({ page }) => {
    const found: string[] = [];
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    found.push(...(await axeViolations(page, 'sign-in')));
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    found.push(...(await axeViolations(page, 'sign-in, refused')));
    expect(found).toEqual([]);
  });

  test('the book with its drawers and menus', async ({ page }) => {
    const found: string[] = [];
    await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
    const date = busyDemoDate();

    await openPage(page, `/appointments?date=${date}`);
    await expect(page.locator('[data-appointment-id]').first()).toBeVisible();
    found.push(...(await axeViolations(page, 'book, day')));

    await page.getByRole('button', { name: /account menu/ }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    found.push(...(await axeViolations(page, 'account menu')));
    await page.keyboard.press('Escape');

    await page.locator('[data-appointment-id]').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.waitForLoadState('networkidle');
    found.push(...(await axeViolations(page, 'appointment drawer')));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page
      .getByRole('button', { name: /^(create|new appointment)$/i })
      .first()
      .click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.waitForLoadState('networkidle');
    found.push(...(await axeViolations(page, 'new appointment drawer')));
    await page.keyboard.press('Escape');

    await openPage(page, `/appointments?date=${date}&view=week`);
    await expect(page.locator('[data-appointment-id]').first()).toBeVisible();
    found.push(...(await axeViolations(page, 'book, week')));

    await openPage(page, '/appointments/no-shows');
    found.push(...(await axeViolations(page, 'no-shows')));
    expect(found).toEqual([]);
  });

  test('every page of the main navigation and of settings, with a record of each kind opened', async ({ page }) => {
    const found: string[] = [];
    await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);

    const mainPaths = await page
      .getByRole('navigation', { name: 'Main' })
      .first()
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(mainPaths.length).toBeGreaterThan(2);
    for (const path of mainPaths.filter((candidate) => candidate !== '/appointments')) {
      await openPage(page, path);
      found.push(...(await axeViolations(page, path)));
    }

    await openPage(page, '/clients');
    await page.getByRole('button', { name: 'New client' }).first().click();
    await expect(page.getByRole('dialog', { name: 'New client' })).toBeVisible();
    found.push(...(await axeViolations(page, 'new client modal')));
    await page.keyboard.press('Escape');
    await page.locator('a[href^="/clients/"]').first().click();
    await expect(page.locator('h1').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    found.push(...(await axeViolations(page, 'client profile')));

    await openPage(page, '/sales');
    const invoice = page.locator('a[href^="/sales/invoices/"]').first();
    if ((await invoice.count()) > 0) {
      await invoice.click();
      await expect(page.locator('h1').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      found.push(...(await axeViolations(page, 'invoice')));
    }

    await openPage(page, '/settings');
    const settingsPaths = await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(settingsPaths.length).toBeGreaterThan(5);
    for (const path of settingsPaths) {
      await openPage(page, path);
      found.push(...(await axeViolations(page, path)));
    }

    await openPage(page, '/settings/staff');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await expect(page.getByRole('dialog', { name: 'Add staff member' })).toBeVisible();
    found.push(...(await axeViolations(page, 'add staff member modal')));
    expect(found).toEqual([]);
  });
});

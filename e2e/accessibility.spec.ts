import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { busyDemoDate } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// axe-core checks each screen against WCAG 2.1 A and AA in the page itself. The script is
// injected by hand: @axe-core/playwright needs a newer Node than the one we support.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Runs axe on what the page shows now; returns one readable line per failing element. */
async function axeViolations(page: Page, screen: string): Promise<string[]> {
  // Let opening transitions finish: a half-faded drawer has colours it never keeps.
  await page.waitForTimeout(350);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe;
    const results = await axe.run(document, {
      // axe's rules for WCAG 2.1 A and AA, label-in-name (2.5.3) included.
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations;
  }, WCAG_21_AA);
  return (violations as AxeViolation[]).flatMap((violation) =>
    violation.nodes.map((node) => {
      const reason = (node.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
      return `${screen}: ${violation.id} (${violation.impact ?? 'unknown'}) ${violation.help} — ${JSON.stringify(node.target)}${reason ? ` — ${reason}` : ''}`;
    }),
  );
}

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

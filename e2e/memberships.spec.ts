import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// Memberships, staff side: plans and coupons made in Settings → Memberships, a member seen in the
// Memberships tab and on their membership's page, held, resumed and cancelled there. The member
// is enrolled through the API (the client profile's enrolment form is its own flow). Each screen
// is checked with axe (WCAG 2.1 AA); with E2E_SCREENSHOT_DIR set, each is also photographed at
// desktop, tablet and phone sizes (memberships-<screen>-<width>.png).

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const SIZES = [
  [1440, 900],
  [1024, 768],
  [390, 844],
] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function axeViolations(page: Page, screen: string): Promise<string[]> {
  // Let opening transitions finish: a half-faded dialog has colours it never keeps.
  await page.waitForTimeout(350);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations;
  }, WCAG_21_AA);
  return (violations as AxeViolation[]).flatMap((violation) =>
    violation.nodes.map(
      (node) => `${screen}: ${violation.id} (${violation.impact ?? 'unknown'}) ${violation.help} — ${JSON.stringify(node.target)}`,
    ),
  );
}

/** Checks the screen with axe and, when asked for, photographs it at each size (then returns to desktop). */
async function inspect(page: Page, found: string[], screen: string): Promise<void> {
  found.push(...(await axeViolations(page, screen)));
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(screenshotDir, `memberships-${screen}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  expect(response.ok(), `${path} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

async function postJson<T>(request: APIRequestContext, path: string, data: unknown): Promise<T> {
  const response = await request.post(path, { data });
  expect(response.ok(), `${path} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** A new client with a Visa on file, enrolled in a plan made through the API. */
async function enrolledMember(request: APIRequestContext, suffix: string) {
  const clinics = (await getJson<{ items: { id: string; name: string; active: boolean }[] }>(request, '/api/v1/clinics')).items;
  const clinic = clinics.find((candidate) => candidate.active);
  if (!clinic) throw new Error('the demo practice has no active clinic');
  const plan = await postJson<{ id: string; name: string }>(request, '/api/v1/membership-plans', {
    name: `Radiance Club ${suffix}`,
    monthlyPriceCents: 14_900,
    signUpFeeCents: 5_000,
    minimumTermMonths: 6,
    clinicIds: [clinic.id],
    soldOnline: false,
  });
  const lastName = `Member${suffix}`;
  const patient = await postJson<{ id: string }>(request, '/api/v1/patients', { firstName: 'Maren', lastName });
  const card = await postJson<{ id: string }>(request, `/api/v1/patients/${patient.id}/payment-methods`, { gatewayToken: 'pm_card_visa' });
  const membership = await postJson<{ id: string; status: string }>(request, `/api/v1/patients/${patient.id}/memberships`, {
    planId: plan.id,
    interval: 'month',
    drawDay: 31,
    paymentMethodId: card.id,
  });
  expect(membership.status).toBe('active');
  return { plan, patientName: `Maren ${lastName}`, membershipId: membership.id };
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
});

test('a member is listed in the Memberships tab, and is held, resumed and cancelled from their membership', async ({ page }) => {
  test.slow();
  const found: string[] = [];
  const suffix = Date.now().toString(36);
  const member = await enrolledMember(page.request, suffix);

  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Memberships' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Memberships' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Monthly recurring revenue' })).toContainText('$');
  await page.getByRole('combobox', { name: 'Plan' }).fill(member.plan.name);
  await page.getByRole('option', { name: member.plan.name }).click();
  const row = page.getByRole('row').filter({ hasText: member.patientName });
  await expect(row).toContainText('Monthly');
  await expect(row).toContainText('$149.00');
  await expect(row).toContainText('Active');
  await expect(page.getByRole('region', { name: 'Monthly recurring revenue' })).toContainText('$149.00');
  await inspect(page, found, 'list');

  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Cancelled' }).click();
  await expect(page.getByRole('heading', { name: 'No members match these filters' })).toBeVisible();
  await inspect(page, found, 'list-filtered-empty');
  await page.getByRole('button', { name: 'Clear filters' }).first().click();

  await page.goto(`/memberships?plan=${member.plan.id}`);
  await page.getByRole('row').filter({ hasText: member.patientName }).getByRole('link', { name: member.plan.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${member.patientName} · ${member.plan.name}` })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Membership' });
  await expect(summary).toContainText('Visa •••• 4242');
  await expect(summary).toContainText('The 31st of each month (a shorter month’s last day)');
  await expect(summary).toContainText('6 months, until');
  const payments = page.getByRole('region', { name: 'Payments' });
  await expect(payments.getByRole('row').filter({ hasText: 'Enrolment' })).toContainText('$199.00');
  await expect(payments.getByRole('row').filter({ hasText: 'Enrolment' })).toContainText('Paid');
  await inspect(page, found, 'detail');

  await page.getByRole('button', { name: 'Hold', exact: true }).click();
  const hold = page.getByRole('dialog', { name: `Hold membership: ${member.plan.name}` });
  await hold.getByRole('button', { name: 'Hold membership' }).click();
  await expect(hold.getByText('Pick the day the membership starts again.')).toBeVisible();
  await hold.getByRole('radio', { name: 'Until resumed' }).check();
  await inspect(page, found, 'hold-dialog');
  await hold.getByRole('button', { name: 'Hold membership' }).click();
  await expect(hold).toBeHidden();
  await expect(summary).toContainText('On Hold');
  await expect(summary).toContainText('On hold until resumed.');

  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  const resume = page.getByRole('dialog', { name: `Resume membership: ${member.plan.name}` });
  await resume.getByRole('button', { name: 'Resume membership' }).click();
  await expect(resume).toBeHidden();
  await expect(summary).toContainText('Active');

  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  const cancel = page.getByRole('dialog', { name: `Cancel membership: ${member.plan.name}` });
  await expect(cancel).toContainText('Nothing is refunded');
  await expect(cancel).toContainText('Minimum term not completed');
  await inspect(page, found, 'cancel-dialog');
  await cancel.getByRole('radio', { name: 'Now' }).check();
  await cancel.getByRole('button', { name: 'Cancel now' }).click();
  await expect(cancel).toBeHidden();
  await expect(summary).toContainText('Cancelled');
  await expect(page.getByRole('button', { name: 'Hold', exact: true })).toBeHidden();

  await page.goto(`/memberships?status=cancelled&plan=${member.plan.id}`);
  await expect(page.getByRole('row').filter({ hasText: member.patientName })).toContainText('Cancelled');
  expect(found).toEqual([]);
});

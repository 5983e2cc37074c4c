import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import type { ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { axeViolations } from './axe.ts';
import { getJson, postJson } from './book-helpers.ts';
import { emailedCode, startDemoServerWithMail, type DemoServerWithMail } from './mail-server.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// Medical history through the real UI: a patient updates theirs in the portal on a phone
// (signing in with a code read from an SMTP server in this process, so this spec runs a
// server of its own, like portal-profile.spec.ts); staff see the change flagged on the client
// profile and in the EMR's Medical History tab, read what changed, and mark it reviewed.
//
// With E2E_SCREENSHOT_DIR set, the portal page and the staff card are photographed at
// 1440×900, 1024×768 and 390×844.

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const PHONE = { width: 390, height: 844 };
const SIZES = [{ width: 1440, height: 900 }, { width: 1024, height: 768 }, PHONE];

interface Patient {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
}

let demo: DemoServerWithMail;
let smtp: TestSmtpServer;
let server: ServerProcess;
let staff: APIRequestContext;

const at = (path: string) => `${server.baseUrl}${path}`;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startDemoServerWithMail('medical-history');
  ({ smtp, server, staff } = demo);
});

test.afterAll(async () => {
  await demo?.stop();
});

/** Photographs the page (or one part of it) at each size when asked for, then goes back to the page's own size. */
async function photograph(page: Page, name: string, part?: Locator): Promise<void> {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize() ?? PHONE;
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    const path = join(screenshotDir, `${name}-${size.width}.png`);
    if (part) await part.screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  }
  await page.setViewportSize(viewport);
}

test('a patient updates their medical history in the portal on a phone; staff see the flag, read the change and mark it reviewed', async ({
  page,
  browser,
}) => {
  const found: string[] = [];
  const lastName = `Halvorsen${Date.now().toString(36)}`;
  const patient = await postJson<Patient>(staff, '/api/v1/patients', {
    firstName: 'Ingrid',
    lastName,
    email: `ingrid-${Date.now().toString(36)}@example.com`,
    dateOfBirth: '1989-06-21',
  });
  if (!patient.email) throw new Error('the patient has no email');
  const onFile = await staff.put(`/api/v1/patients/${patient.id}/medical-history`, {
    headers: { 'if-match': '"0"' },
    data: {
      allergies: [{ substance: 'Lidocaine', reaction: 'Hives', severity: 'moderate' }],
      medications: [{ name: 'Isotretinoin', dose: '20 mg', frequency: 'Daily' }],
      conditions: ['Rosacea'],
      previousTreatments: [{ treatment: 'Botox (forehead)', when: '2025-09', notes: null }],
      pregnancy: { status: 'not_pregnant', dueDate: null },
      notes: null,
    },
  });
  expect(onFile.status(), await onFile.text()).toBe(200);

  // The patient, on a phone: sign in, More → Medical History.
  await page.setViewportSize(PHONE);
  await page.goto(at('/portal/demo/sign-in'));
  await page.getByRole('button', { name: 'Use email to log in' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(patient.email);
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('textbox', { name: 'Code' }).fill(await emailedCode(smtp, patient.email, sentBefore));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/portal\/demo$/);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Medical History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Medical History' })).toBeVisible();
  await expect(page.getByText('reviews every change you make here')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'allergy 1: substance' })).toHaveValue('Lidocaine');
  found.push(...(await axeViolations(page, 'portal medical history')));

  // Stops the acne medicine, starts an antibiotic, and is now breastfeeding.
  await page.getByRole('button', { name: 'Remove medication 1' }).click();
  await page.getByRole('button', { name: 'Add medication' }).click();
  await page.getByRole('textbox', { name: 'medication 1: name' }).fill('Doxycycline');
  await page.getByRole('textbox', { name: 'medication 1: dose' }).fill('100 mg');
  await page.getByRole('combobox', { name: 'Pregnancy or breastfeeding' }).click();
  await page.getByRole('option', { name: 'Breastfeeding' }).click();
  // A treatment with no name and a date that is not one is refused, naming the boxes.
  await page.getByRole('button', { name: 'Add treatment' }).click();
  await page.getByRole('textbox', { name: 'treatment 2: when' }).fill('last spring');
  await page.getByRole('button', { name: 'Save medical history' }).click();
  await expect(page.getByRole('textbox', { name: 'treatment 2: when' })).toHaveAccessibleDescription(/Must be a year/);
  await page.getByRole('button', { name: 'Remove treatment 2' }).click();
  await page.getByRole('button', { name: 'Save medical history' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'will review your changes' })).toBeVisible();
  await expect(page.getByText('has your latest changes and will review them')).toBeVisible();
  found.push(...(await axeViolations(page, 'portal medical history saved')));
  await photograph(page, 'portal-medical-history');

  // Staff, at a desktop: the EMR lists the patient under Medical History.
  const staffContext = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1440, height: 900 } });
  const desk = await staffContext.newPage();
  await signIn(desk, DEMO_OWNER.email, DEMO_PASSWORD);
  await desk.goto('/emr?tab=medical-history');
  const waiting = desk.getByRole('table', { name: 'Medical histories to review' });
  await expect(waiting).toBeVisible();
  found.push(...(await axeViolations(desk, 'EMR medical history tab', '[role="tabpanel"]')));
  await waiting.getByRole('link', { name: `Ingrid ${lastName}` }).click();

  // The client profile flags the card; the history of changes says what the patient changed.
  const card = desk.getByRole('region', { name: 'Medical History' });
  await expect(card.getByText('Updated by the patient — review')).toBeVisible();
  await card.getByRole('button', { name: 'History of changes' }).click();
  const newest = card.getByTestId('medical-history-version').first();
  await expect(newest).toContainText(`Ingrid ${lastName}`);
  await expect(newest).toContainText('Removed');
  await expect(newest).toContainText('Isotretinoin (20 mg, Daily)');
  await expect(newest).toContainText('Doxycycline (100 mg)');
  await expect(newest).toContainText('Not pregnant → Breastfeeding');
  found.push(...(await axeViolations(desk, 'staff medical history card', 'section[aria-label="Medical History"]')));
  await photograph(desk, 'staff-medical-history-card', card);

  // The edit form, on a desktop and (full screen) on a phone.
  await card.getByRole('button', { name: 'Edit' }).click();
  const dialog = desk.getByRole('dialog', { name: `Medical history — Ingrid ${lastName}` });
  await expect(dialog.getByRole('textbox', { name: 'medication 1: name' })).toHaveValue('Doxycycline');
  found.push(...(await axeViolations(desk, 'staff medical history form', '[role="dialog"]')));
  await photograph(desk, 'staff-medical-history-form');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await card.getByRole('button', { name: 'Mark Reviewed' }).click();
  await expect(card.getByText('Updated by the patient — review')).toHaveCount(0);
  await expect(card).toContainText('reviewed by Olivia Bennett');
  const history = await getJson<{ needsReview: boolean; version: number }>(staff, `/api/v1/patients/${patient.id}/medical-history`);
  expect(history).toMatchObject({ needsReview: false, version: 2 });
  await staffContext.close();

  expect(found, found.join('\n')).toEqual([]);
});

test('a chart shows the patient’s allergies above it', async ({ browser }) => {
  const found: string[] = [];
  const lots = (await getJson<{ items: { id: string }[] }>(staff, '/api/v1/inventory/lots')).items;
  let treated: { patient: { id: string }; procedureId: string } | undefined;
  for (const lot of lots) {
    treated ??= (
      await getJson<{ items: { patient: { id: string }; procedureId: string }[] }>(staff, `/api/v1/inventory/lots/${lot.id}/patients`)
    ).items[0];
  }
  if (!treated) throw new Error('the demo has no charted patient');
  const current = await getJson<{ version: number }>(staff, `/api/v1/patients/${treated.patient.id}/medical-history`);
  const saved = await staff.put(`/api/v1/patients/${treated.patient.id}/medical-history`, {
    headers: { 'if-match': `"${current.version}"` },
    data: {
      allergies: [
        { substance: 'Hyaluronidase', reaction: 'Swelling', severity: 'severe' },
        { substance: 'Latex', reaction: null, severity: 'mild' },
      ],
      medications: [],
      conditions: [],
      previousTreatments: [],
      pregnancy: { status: 'not_applicable', dueDate: null },
      notes: null,
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);

  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await page.goto(`/emr/procedures/${treated.procedureId}`);
  const banner = page.getByTestId('allergies-banner');
  await expect(banner).toContainText('Hyaluronidase');
  await expect(banner).toContainText('Swelling, severe');
  await expect(banner).toContainText('Latex');
  found.push(...(await axeViolations(page, 'allergies banner', '[data-testid="allergies-banner"]')));
  await photograph(page, 'chart-allergies-banner');
  await context.close();
  expect(found, found.join('\n')).toEqual([]);
});

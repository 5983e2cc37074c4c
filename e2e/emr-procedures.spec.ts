import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { bookToday, createPatient, getJson, postJson, soho } from './book-helpers.ts';
import { openProviderToday } from './emr-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';
import { axeViolations } from './axe.ts';

// New procedures from the EMR's Patients and Bookings tabs, a new booking made from step 2 of
// the multi-page view (with a taken time refused), and a lot received, charted and recalled.
// Each screen is checked with axe (WCAG 2.1 A and AA). With E2E_SCREENSHOT_DIR set, the
// screens are photographed at 1440×900, 1024×768 and 390×844.

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];

/** Checks the screen with axe (violations gathered in `found`), then photographs it when asked. */
async function checkScreen(page: Page, name: string, found: string[]): Promise<void> {
  found.push(...(await axeViolations(page, name)));
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotDir, `emr-${name}-${size.width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface NewBookingBody {
  patientId: string;
  newBooking?: { clinicId: string; serviceId: string; providerId: string; start: string };
}

interface ProcedureBody {
  id: string;
  patient: { id: string };
  appointment: { id: string; start: string; providerId: string; serviceNames: string[] };
}

/** Picks an option of a select: by its name, or the first offered (`{ first: true }`). */
async function choose(page: Page, field: string, option: string | RegExp | { first: true } | { last: true }): Promise<string> {
  const combobox = page.getByRole('combobox', { name: field, exact: true });
  await expect(combobox).toBeEnabled();
  await combobox.click();
  const choice =
    typeof option === 'object' && 'first' in option
      ? page.getByRole('option').first()
      : typeof option === 'object' && 'last' in option
        ? page.getByRole('option').last()
        : page.getByRole('option', { name: option });
  const label = (await choice.textContent()) ?? '';
  await choice.click();
  return label;
}

test('from the Patients tab: a procedure on a new booking from open times; a time taken meanwhile is refused and another chosen', async ({
  page,
}) => {
  const found: string[] = [];
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  const { clinic, service } = await soho(page.request);
  const botox = service(/^Botox/);
  const patient = await createPatient(page.request, 'Newbooked');
  const name = `${patient.firstName} ${patient.lastName}`;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'EMR', exact: true }).click();
  await page.getByRole('tab', { name: 'Patients' }).click();
  await page.getByRole('textbox', { name: 'Search patients' }).fill(patient.lastName);
  await expect(page.getByRole('table', { name: 'Patients' }).getByRole('row')).toHaveCount(2);
  await checkScreen(page, 'patients-tab', found);
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await expect(page.getByRole('menuitem', { name: 'View Patient Profile' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'New Procedure' }).click();
  await page.getByRole('dialog', { name: 'New Procedure' }).getByRole('button', { name: 'Multi Page View' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'New Procedure' })).toBeVisible();
  await page.getByRole('button', { name: 'Create a new booking' }).click();
  const form = page.getByRole('region', { name: 'New booking' });
  await choose(page, 'Location', clinic.name);
  await choose(page, 'Service', botox.name);
  await expect(form.getByRole('textbox', { name: 'Duration' })).toHaveValue(/^\d+ minutes$/);
  await choose(page, 'Provider', { first: true });
  // The last day offered, weeks ahead: today's rooms are crowded by earlier flows, and there the
  // book has refused, for a full room, a time the open times offered.
  await choose(page, 'Date', { last: true });
  await choose(page, 'Time Slot', { first: true });
  await checkScreen(page, 'new-booking', found);

  // Another desk takes the very time while this one is on the procedure type: the book refuses it (409).
  let rivalStart: string | undefined;
  await page.route('**/api/v1/procedures', async (route) => {
    const body = route.request().postDataJSON() as NewBookingBody;
    if (rivalStart === undefined && body.newBooking) {
      rivalStart = body.newBooking.start;
      const rival = await createPatient(page.request, 'Rival');
      await postJson(page.request, '/api/v1/appointments', {
        kind: 'appointment',
        mode: 'in_person',
        clinicId: body.newBooking.clinicId,
        providerId: body.newBooking.providerId,
        serviceIds: [body.newBooking.serviceId],
        start: body.newBooking.start,
        patientId: rival.id,
        allowDoubleBooking: false,
        requireCardOnFile: false,
      });
    }
    await route.continue();
  });
  await form.getByRole('button', { name: 'Create Booking' }).click();
  await expect(page.getByText(/New booking: /)).toBeVisible();
  await choose(page, 'Procedure type', 'Neurotoxin');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await expect(form.getByRole('alert')).toContainText('That time is taken');
  // The book's reason: the provider's time, or (when earlier flows filled the rooms) the room.
  await expect(form.getByRole('alert')).toContainText(/Choose another time|is fully booked/);
  await expect(form.getByRole('alert')).not.toContainText('Allow double booking');
  await expect(page.getByRole('combobox', { name: 'Time Slot', exact: true })).toHaveValue('');
  await checkScreen(page, 'taken-slot', found);
  await page.unroute('**/api/v1/procedures');

  await choose(page, 'Date', { last: true });
  await choose(page, 'Time Slot', { first: true });
  await form.getByRole('button', { name: 'Create Booking' }).click();
  await expect(page.getByText(/New booking: /)).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Unsigned')).toBeVisible();
  const procedureId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const procedure = await getJson<ProcedureBody>(page.request, `/api/v1/procedures/${procedureId}`);
  expect(procedure.patient.id).toBe(patient.id);
  expect(procedure.appointment.serviceNames).toEqual([botox.name]);
  expect(procedure.appointment.start).not.toBe(rivalStart);

  // The client profile's Quick actions open a new procedure for the patient at step 2.
  await page.goto(`/clients/${patient.id}`);
  await page.getByRole('region', { name: 'Quick actions' }).getByRole('button', { name: 'New Procedure' }).click();
  await page.getByRole('dialog', { name: 'New Procedure' }).getByRole('button', { name: 'Single Page View' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New Procedure' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Patient information' }).getByText(name)).toBeVisible();
  await page.getByRole('combobox', { name: 'Scheduled bookings' }).click();
  await expect(page.getByRole('option', { name: new RegExp(escapeRegExp(botox.name)) })).toBeVisible();
  await page.keyboard.press('Escape');
  await checkScreen(page, 'single-page-view', found);
  expect(found).toEqual([]);
});

test('a lot added, charted on a procedure from the Bookings tab, exported and recalled: the treated patient is listed and messaged', async ({
  page,
}) => {
  const found: string[] = [];
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  const { clinic, providers, service } = await soho(page.request);
  const botox = service(/^Botox/);
  const provider = providers.find((candidate) => candidate.serviceIds.includes(botox.id));
  if (!provider) throw new Error('no SoHo provider performs Botox');
  const patient = await postJson<{ id: string; firstName: string; lastName: string }>(page.request, '/api/v1/patients', {
    firstName: 'Recalled',
    lastName: `E2e${Date.now().toString(36)}`,
    email: `recall-${Date.now().toString(36)}@example.com`,
  });
  const name = `${patient.firstName} ${patient.lastName}`;
  // Today at SoHo, whatever weekday the suite runs on (409: another test opened the day).
  const localDate = await openProviderToday(page.request, provider.id, clinic);
  await bookToday(page.request, clinic, 7 * 60, {
    kind: 'appointment',
    mode: 'in_person',
    providerId: provider.id,
    serviceIds: [botox.id],
    patientId: patient.id,
    allowDoubleBooking: true,
    requireCardOnFile: false,
  });

  const lotNumber = `RC${Date.now().toString(36).toUpperCase()}`;
  await page.goto('/emr');
  await page.getByRole('link', { name: 'Inventory lots' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inventory lots' })).toBeVisible();
  await page.getByRole('button', { name: 'Add lot' }).click();
  const addLot = page.getByRole('dialog', { name: 'Add a lot' });
  await addLot.getByRole('button', { name: 'Add lot' }).click();
  await expect(addLot.getByText('Enter the product.')).toBeVisible();
  await addLot.getByRole('textbox', { name: 'Product' }).fill('Botox Cosmetic 100U');
  await addLot.getByRole('textbox', { name: 'Lot number' }).fill(lotNumber);
  await addLot.getByLabel('Expires on').fill('2099-06-30');
  await addLot.getByRole('textbox', { name: 'Units received' }).fill('50');
  await addLot.getByRole('button', { name: 'Add lot' }).click();
  await expect(addLot).toBeHidden();
  const lotRow = page.getByRole('row').filter({ hasText: lotNumber });
  await expect(lotRow).toContainText('In stock');
  await expect(lotRow).toContainText('Jun 30, 2099');
  await checkScreen(page, 'lots', found);

  await page.goto(`/emr?clinic=${clinic.id}&date=${localDate}`);
  await expect(page.getByRole('region', { name: 'Booked/Confirmed' }).getByLabel(name)).toBeVisible();
  await checkScreen(page, 'board', found);
  await page.getByRole('tab', { name: 'Bookings' }).click();
  await checkScreen(page, 'bookings-tab', found);
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'New Procedure' }).click();
  await page.getByRole('dialog', { name: 'New Procedure' }).getByRole('button', { name: 'Single Page View' }).click();
  await expect(page.getByRole('combobox', { name: 'Scheduled bookings' })).toHaveValue(new RegExp(escapeRegExp(botox.name)));
  await choose(page, 'Procedure type', 'Neurotoxin');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: 'Add injectable' }).click();
  await page.getByRole('combobox', { name: 'Lot' }).fill(lotNumber);
  await page.getByRole('option', { name: new RegExp(lotNumber) }).click();
  await page.getByRole('textbox', { name: 'Units' }).fill('12');
  await page.getByRole('textbox', { name: 'Area' }).fill('Forehead');
  await page.getByRole('button', { name: 'Save chart' }).click();
  await expect(page.getByText('Chart saved.')).toBeVisible();

  await page.goto('/emr/lots');
  await expect(page.getByRole('row').filter({ hasText: lotNumber }).getByRole('cell').nth(4)).toHaveText('38 units');
  await page.getByRole('link', { name: `Open lot ${lotNumber}` }).click();
  const treated = page.getByRole('table', { name: 'Treated patients' });
  const patientRow = treated.getByRole('row').filter({ hasText: name });
  await expect(patientRow).toContainText('Neurotoxin');
  await expect(patientRow).toContainText('12 units');
  await expect(patientRow).toContainText(provider.displayName);

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await downloading).path()) ?? '', 'utf8');
  expect(csv).toContain(patient.lastName);
  expect(csv).toContain(lotNumber);

  await page.getByRole('button', { name: 'Recall lot' }).click();
  const recall = page.getByRole('dialog', { name: 'Recall lot' });
  await expect(recall).toContainText('The one patient treated with this lot');
  await recall.getByRole('textbox', { name: 'Message to the patients' }).fill(`Lot ${lotNumber} has been recalled. Please call us.`);
  await checkScreen(page, 'recall-dialog', found);
  await recall.getByRole('button', { name: 'Send recall' }).click();
  await expect(recall).toBeHidden();
  const recorded = page.getByRole('status').filter({ hasText: 'Recall recorded' });
  await expect(recorded).toContainText('1 patient treated · 1 messaged');
  await expect(page.getByRole('region', { name: 'Recalls' })).toContainText('1 patient treated');
  await expect(patientRow).toBeVisible();
  await checkScreen(page, 'lot-recalled', found);

  const lots = await getJson<{ items: { id: string; lotNumber: string; recalls: unknown[] }[] }>(page.request, '/api/v1/inventory/lots');
  expect(lots.items.find((lot) => lot.lotNumber === lotNumber)?.recalls).toHaveLength(1);

  await page.goto('/emr/procedure-types');
  await expect(page.getByRole('row').filter({ hasText: 'Neurotoxin' })).toContainText('Injectables');
  const typeName = `Peel ${Date.now().toString(36)}`;
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(typeName);
  await page.getByRole('checkbox', { name: 'Injectables', exact: true }).uncheck();
  await page.getByRole('button', { name: 'Add procedure type' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${typeName} added.` })).toBeVisible();
  const typeRow = page.getByRole('row').filter({ hasText: typeName });
  await expect(typeRow).toContainText('Clinical notes (SOAP)');
  await expect(typeRow).not.toContainText('Injectables');
  await checkScreen(page, 'procedure-types', found);
  expect(found).toEqual([]);
});

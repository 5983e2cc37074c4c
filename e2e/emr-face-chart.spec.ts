import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { axeViolations } from './axe.ts';
import { getJson, postJson } from './book-helpers.ts';
import { chartFor, visitToday } from './emr-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';
import { atEachScreenSize, screenshotDir } from './screen-sizes.ts';

// From the board: a procedure started on a checked-in visit, Botox charted on the face
// diagram (a zone and a free point, each with its units and lot), before and after photos
// uploaded, the chart signed and shown read-only with its markers. Checked with axe; with
// E2E_SCREENSHOT_DIR set, the face chart is photographed at 1440×900, 1024×768 and 390×844.
// Then filler from a lot counted in mL: the lot added with its unit, charted in mL on the
// diagram, and read back in mL on the signed chart, the lots list and the lot’s patients.

function photo(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

async function screenshots(page: Page, name: string, target: ReturnType<Page['getByTestId']>): Promise<void> {
  const shots = screenshotDir();
  if (!shots) return;
  await atEachScreenSize(page, async ({ width }) => {
    await target.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, `${name}-${width}.png`) });
  });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('from the board: chart Botox on the face diagram with a lot, add before and after photos, sign', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  const { clinic, patient, visit, localDate } = await visitToday(page.request, {
    service: /^Botox/,
    firstName: 'Diagrammed',
    fromMinutes: 9 * 60,
  });
  await postJson(page.request, `/api/v1/appointments/${visit.id}/check-in`, {});
  const lotNumber = `FACE${Date.now().toString(36).toUpperCase()}`;
  const lot = await postJson<{ id: string }>(page.request, '/api/v1/inventory/lots', {
    productName: 'Botox Cosmetic 100U',
    lotNumber,
    expiresOn: '2099-12-31',
    quantity: 100,
  });

  await page.goto(`/emr?clinic=${clinic.id}&date=${localDate}`);
  const name = `${patient.firstName} ${patient.lastName}`;
  const card = page.getByRole('region', { name: 'Checked In' }).getByLabel(name);
  await card.getByRole('button', { name: 'Start Procedure' }).click();
  await page.getByRole('dialog', { name: 'Start Procedure' }).getByRole('button', { name: 'Multi Page View' }).click();
  await page.getByRole('combobox', { name: 'Procedure type' }).click();
  await page.getByRole('option', { name: 'Neurotoxin' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  const diagram = page.getByTestId('face-diagram');
  await expect(diagram).toHaveAttribute('aria-label', 'Face diagram with no injection points');
  // A zone: the glabella.
  await diagram.locator('[data-zone="glabella"]').click();
  const entries = page.getByTestId('injectable-entry');
  await expect(entries).toHaveCount(1);
  await expect(entries.nth(0).getByRole('textbox', { name: 'Area' })).toHaveValue('Glabella');
  await entries.nth(0).getByRole('combobox', { name: 'Lot' }).fill(lotNumber);
  await page.getByRole('option', { name: new RegExp(lotNumber) }).click();
  await entries.nth(0).getByRole('textbox', { name: 'Units' }).fill('20');
  // A free point on the patient's right temple, off every zone: it takes the last entry's lot and units.
  const box = await diagram.boundingBox();
  if (!box) throw new Error('the face diagram is not drawn');
  await diagram.click({ position: { x: box.width * 0.24, y: box.height * 0.3 } });
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(1).getByRole('textbox', { name: 'Area' })).toHaveValue(/^Point near /);
  await expect(entries.nth(1).getByRole('combobox', { name: 'Lot' })).toHaveValue(new RegExp(lotNumber));
  await entries.nth(1).getByRole('textbox', { name: 'Units' }).fill('4');
  // Without the diagram: a zone from the list, then removed again.
  await page.getByRole('combobox', { name: 'Treatment area' }).click();
  await page.getByRole('option', { name: 'Chin' }).click();
  await page.getByRole('button', { name: 'Add area' }).click();
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(2).getByRole('textbox', { name: 'Area' })).toHaveValue('Chin');
  await page.getByRole('button', { name: 'Remove injectable 3' }).click();
  await expect(entries).toHaveCount(2);
  await expect(diagram).toHaveAttribute('aria-label', 'Face diagram with 2 injection points');
  await expect(diagram.locator('[data-marker]')).toHaveCount(2);
  await expect(page.getByText(`Botox Cosmetic 100U, lot ${lotNumber}: 24 units in all`)).toBeVisible();
  expect(await axeViolations(page, 'face chart')).toEqual([]);
  await page.getByRole('button', { name: 'Save chart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Chart saved.' })).toBeVisible();
  await screenshots(page, 'emr-face-chart', diagram);

  const photos = page.getByRole('region', { name: 'Photos' });
  const beforeChooser = page.waitForEvent('filechooser');
  await photos.getByRole('button', { name: 'Upload Before photo' }).click();
  await (await beforeChooser).setFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: await photo('#c9a28f') });
  await expect(photos.getByRole('group', { name: 'Before photos' }).getByRole('img', { name: 'Open Before photo' })).toHaveCount(1);
  const afterChooser = page.waitForEvent('filechooser');
  await photos.getByRole('button', { name: 'Upload After photo' }).click();
  await (await afterChooser).setFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await photo('#e6c3b3') });
  await expect(photos.getByRole('group', { name: 'After photos' }).getByRole('img', { name: 'Open After photo' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Sign chart' }).click();
  await expect(page.getByText(/^Signed by Olivia Bennett/)).toBeVisible();
  const signed = page.getByTestId('face-diagram');
  await expect(signed).toHaveAttribute('aria-label', 'Face diagram with 2 injection points');
  await expect(signed.locator('[data-marker]')).toHaveCount(2);
  await expect(page.getByRole('cell', { name: 'Glabella' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /^Point near / })).toBeVisible();
  expect(await axeViolations(page, 'signed face chart')).toEqual([]);
  await screenshots(page, 'emr-face-chart-signed', signed);

  const chart = await getJson<{ injectables: { area: string; units: number; point: { x: number; y: number } | null }[] }>(
    page.request,
    `/api/v1/procedures/${new URL(page.url()).pathname.split('/').pop() ?? ''}`,
  );
  expect(chart.injectables.map((entry) => entry.units)).toEqual([20, 4]);
  expect(chart.injectables[1]?.point).toEqual({ x: expect.closeTo(0.24, 1), y: expect.closeTo(0.3, 1) });
  const lots = await getJson<{ items: { id: string; quantityOnHand: number }[] }>(page.request, '/api/v1/inventory/lots');
  expect(lots.items.find((candidate) => candidate.id === lot.id)?.quantityOnHand).toBe(76);
});

test('a procedure type requiring a consent: the chart shows it unsigned and refuses to be signed, naming it', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await page.goto('/emr/procedure-types');
  const typeName = `Consented ${Date.now().toString(36)}`;
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(typeName);
  await page.getByRole('checkbox', { name: 'Consents required', exact: true }).check();
  await page.getByRole('combobox', { name: 'Required consents' }).click();
  await page.getByRole('option', { name: 'Neurotoxin consent' }).click();
  await page.getByRole('heading', { name: 'New procedure type' }).click();
  await page.getByRole('button', { name: 'Add procedure type' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${typeName} added.` })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: typeName })).toContainText('Consents required');

  const visit = await visitToday(page.request, { service: /^Botox/, firstName: 'Unconsented', fromMinutes: 10 * 60 });
  const procedure = await chartFor(page.request, visit, typeName);
  await page.goto(`/emr/procedures/${procedure.id}`);
  const consents = page.getByRole('region', { name: 'Consents required' });
  await expect(consents.getByText('Neurotoxin consent')).toBeVisible();
  await expect(consents.getByText('Not signed')).toBeVisible();
  expect(await axeViolations(page, 'chart with required consents')).toEqual([]);
  await page.getByRole('button', { name: 'Sign chart' }).click();
  await expect(page.getByRole('alert')).toContainText('has not signed “Neurotoxin consent”');
  await expect(page.getByText('Unsigned')).toBeVisible();
});

test('a filler lot counted in mL: received with its unit, charted in mL on the face diagram, shown in mL everywhere', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  const lotNumber = `ML${Date.now().toString(36).toUpperCase()}`;
  await page.goto('/emr/lots');
  await page.getByRole('button', { name: 'Add lot' }).click();
  const form = page.getByRole('dialog', { name: 'Add a lot' });
  await form.getByRole('textbox', { name: 'Product' }).fill('Juvéderm Volbella XC');
  await form.getByRole('textbox', { name: 'Lot number' }).fill(lotNumber);
  await form.getByText('mL', { exact: true }).click();
  await form.getByLabel('Expires on').fill('2099-12-31');
  await form.getByRole('textbox', { name: 'mL received' }).fill('2.5');
  expect(await axeViolations(page, 'add an mL lot')).toEqual([]);
  await screenshots(page, 'inventory-add-ml-lot', form);
  await form.getByRole('button', { name: 'Add lot' }).click();
  await expect(form).toBeHidden();
  const lotRow = page.getByRole('row').filter({ hasText: lotNumber });
  await expect(lotRow).toContainText('2.5 mL');

  const visit = await visitToday(page.request, { service: /^Dermal Filler/, firstName: 'Milliliters', fromMinutes: 11 * 60 });
  const procedure = await chartFor(page.request, visit, 'Dermal Filler');
  await page.goto(`/emr/procedures/${procedure.id}`);

  const diagram = page.getByTestId('face-diagram');
  await diagram.locator('[data-zone="lips"]').click();
  const entries = page.getByTestId('injectable-entry');
  await expect(entries).toHaveCount(1);
  await entries.nth(0).getByRole('combobox', { name: 'Lot' }).fill(lotNumber);
  await page.getByRole('option', { name: new RegExp(`${lotNumber}.*2\\.5 mL left`) }).click();
  // The amount field follows the lot: mL, to 0.01 mL.
  await entries.nth(0).getByRole('textbox', { name: 'mL' }).fill('0.55');
  await diagram.locator('[data-zone="marionette-line-right"]').click();
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(1).getByRole('textbox', { name: 'mL' })).toHaveValue('0.55');
  await entries.nth(1).getByRole('textbox', { name: 'mL' }).fill('0.3');
  await expect(page.getByText(`Juvéderm Volbella XC, lot ${lotNumber}: 0.85 mL in all`)).toBeVisible();
  await expect(diagram.locator('[data-marker="1"] title')).toHaveText('1. Lips: 0.55 mL');
  expect(await axeViolations(page, 'filler charted in mL')).toEqual([]);
  await page.getByRole('button', { name: 'Save chart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Chart saved.' })).toBeVisible();
  await screenshots(page, 'emr-injectables-ml', diagram);
  await screenshots(page, 'emr-injectables-ml-entries', entries.nth(1));

  await page.getByRole('button', { name: 'Sign chart' }).click();
  await expect(page.getByText(/^Signed by Olivia Bennett/)).toBeVisible();
  await expect(page.getByRole('cell', { name: '0.55 mL' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '0.3 mL' })).toBeVisible();
  await expect(page.getByText(`Juvéderm Volbella XC, lot ${lotNumber}: 0.85 mL in all`)).toBeVisible();
  expect(await axeViolations(page, 'signed filler chart in mL')).toEqual([]);
  await screenshots(page, 'emr-injectables-ml-signed', page.getByRole('cell', { name: '0.3 mL' }));

  const chart = await getJson<{ injectables: { units: number | null; milliliters: number | null }[] }>(
    page.request,
    `/api/v1/procedures/${procedure.id}`,
  );
  expect(chart.injectables).toEqual([
    expect.objectContaining({ units: null, milliliters: 0.55 }),
    expect.objectContaining({ units: null, milliliters: 0.3 }),
  ]);

  await page.goto('/emr/lots');
  await expect(page.getByRole('row').filter({ hasText: lotNumber })).toContainText('1.65 mL');
  await page.getByRole('link', { name: `Open lot ${lotNumber}` }).click();
  const treated = page.getByRole('table', { name: 'Treated patients' });
  await expect(treated.getByRole('row').filter({ hasText: visit.patient.lastName })).toContainText('0.85 mL');
  expect(await axeViolations(page, 'mL lot’s treated patients')).toEqual([]);
});

import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { getJson, postJson } from './book-helpers.ts';
import { chartFor, visitToday } from './emr-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';
import { atEachScreenSize, screenshotDir } from './screen-sizes.ts';

// A laser chart: the device from the clinic's equipment, Fitzpatrick skin type, settings per
// area (a blank fluence named by the server at its field), a test spot, numbing cream taken
// from a lot and 0.25 mL of serum from an mL lot as products used; saved, signed and read
// back locked, checked with axe. With E2E_SCREENSHOT_DIR set, the chart is photographed at
// 1440×900, 1024×768 and 390×844 while charting and once signed. The demo's IPL chart shows
// the consent its type requires, signed.

async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option }).click();
}

async function screenshots(page: Page, name: string, section: Locator): Promise<void> {
  const shots = screenshotDir();
  if (!shots) return;
  await atEachScreenSize(page, async ({ width }) => {
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  });
}

interface Lot {
  id: string;
  lotNumber: string;
  quantityOnHand: number;
}

test('charts a laser hair removal with device settings per area, a test spot and numbing cream from a lot, then signs it', async ({
  page,
}) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  const visit = await visitToday(page.request, { service: /^Laser Hair Removal — Small Area/, firstName: 'Lasered', fromMinutes: 7 * 60 });
  const procedure = await chartFor(page.request, visit, 'Laser Hair Removal');
  const lotsBefore = await getJson<{ items: Lot[] }>(page.request, '/api/v1/inventory/lots');
  const cream = lotsBefore.items.find((lot) => lot.lotNumber === 'BLT-4410');
  if (!cream) throw new Error('the demo has no numbing cream lot');
  const serum = await postJson<Lot>(page.request, '/api/v1/inventory/lots', {
    productName: 'Post-laser hyaluronic serum',
    lotNumber: `SER-${Date.now()}`,
    expiresOn: `${Number(visit.localDate.slice(0, 4)) + 1}-06-30`,
    quantity: 2,
    unit: 'mL',
  });

  await page.goto(`/emr/procedures/${procedure.id}`);
  const laser = page.getByRole('region', { name: 'Laser / device settings' });
  await expect(laser).toBeVisible();
  await choose(page, laser.getByRole('combobox', { name: 'Device' }), 'Candela GentleMax Pro laser');
  await choose(page, laser.getByRole('combobox', { name: 'Skin type (Fitzpatrick)' }), /^Type III — sometimes burns/);
  await expect(laser.getByRole('combobox', { name: 'Skin type (Fitzpatrick)' })).toHaveValue('Type III');
  await expect(laser.getByText('sometimes burns, tans uniformly')).toBeVisible();

  const first = laser.getByRole('group', { name: 'Area 1' });
  await first.getByRole('textbox', { name: 'Area' }).fill('Underarms');
  await first.getByRole('textbox', { name: 'Fluence (J/cm²)' }).fill('18');
  await first.getByRole('textbox', { name: 'Spot size (mm)' }).fill('15');
  await first.getByRole('textbox', { name: 'Pulse width (ms)' }).fill('3');
  await choose(page, first.getByRole('combobox', { name: 'Cooling' }), 'Cryogen spray');
  await laser.getByRole('button', { name: 'Add area' }).click();
  const second = laser.getByRole('group', { name: 'Area 2' });
  // The new area starts from the first one's settings.
  await expect(second.getByRole('textbox', { name: 'Spot size (mm)' })).toHaveValue('15');
  await second.getByRole('textbox', { name: 'Area' }).fill('Bikini line');
  await second.getByRole('textbox', { name: 'Fluence (J/cm²)' }).fill('');
  await second.getByRole('textbox', { name: 'Passes' }).fill('2');

  await laser.getByRole('checkbox', { name: 'Test spot done' }).check();
  await laser.getByRole('textbox', { name: 'Test spot site' }).fill('Left underarm');
  await laser.getByLabel('Test spot date').fill(visit.localDate);
  await laser.getByRole('textbox', { name: 'Result / reaction' }).fill('Perifollicular edema at 10 minutes; no blistering.');

  const products = page.getByRole('region', { name: 'Products used' });
  await products.getByRole('button', { name: 'Add product' }).click();
  const product = products.getByRole('group', { name: 'Product 1' });
  await choose(page, product.getByRole('combobox', { name: 'Lot (optional)' }), /BLT-4410/);
  await expect(product.getByRole('textbox', { name: 'Product' })).toHaveValue('BLT numbing cream (30 g tube)');
  await product.getByRole('textbox', { name: 'Quantity' }).fill('1');
  await product.getByRole('textbox', { name: 'Unit' }).fill('tube');
  // From an mL lot the quantity is mL to 0.01 mL, and the unit is the lot's.
  await products.getByRole('button', { name: 'Add product' }).click();
  const fromMl = products.getByRole('group', { name: 'Product 2' });
  await choose(page, fromMl.getByRole('combobox', { name: 'Lot (optional)' }), new RegExp(serum.lotNumber));
  await fromMl.getByRole('textbox', { name: 'Quantity (mL)' }).fill('0.25');
  await expect(fromMl.getByRole('textbox', { name: 'Unit' })).toHaveValue('mL');

  // A blank fluence is named by the server at its field, and nothing is saved.
  await page.getByRole('button', { name: 'Save chart' }).click();
  await expect(second.getByText('Enter the fluence as a number.')).toBeVisible();
  await second.getByRole('textbox', { name: 'Fluence (J/cm²)' }).fill('16');
  await page.getByRole('button', { name: 'Save chart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Chart saved.' })).toBeVisible();
  expect(await axeViolations(page, 'laser chart')).toEqual([]);
  await screenshots(page, 'emr-laser-charting', laser);

  const lotsAfter = await getJson<{ items: Lot[] }>(page.request, '/api/v1/inventory/lots');
  expect(lotsAfter.items.find((lot) => lot.id === cream.id)?.quantityOnHand).toBe(cream.quantityOnHand - 1);
  expect(lotsAfter.items.find((lot) => lot.id === serum.id)?.quantityOnHand).toBe(1.75);

  await page.getByRole('button', { name: 'Sign chart' }).click();
  await expect(page.getByText(/^Signed by /)).toBeVisible();
  const settings = page.getByRole('table', { name: 'Laser settings per area' });
  await expect(settings.getByRole('row').filter({ hasText: 'Underarms' })).toContainText('Cryogen spray');
  await expect(settings.getByRole('row').filter({ hasText: 'Bikini line' })).toContainText('16');
  await expect(laser).toContainText('Candela GentleMax Pro laser');
  await expect(laser).toContainText('III — sometimes burns');
  await expect(laser).toContainText('Left underarm');
  await expect(page.getByRole('table', { name: 'Products used' })).toContainText('BLT-4410');
  await expect(page.getByRole('table', { name: 'Products used' }).getByRole('row').filter({ hasText: serum.lotNumber })).toContainText(
    '0.25 mL',
  );
  await expect(page.getByRole('button', { name: 'Save chart' })).toHaveCount(0);
  expect(await axeViolations(page, 'signed laser chart')).toEqual([]);
  await screenshots(page, 'emr-laser-signed', laser);

  const chart = await getJson<{ laser: { settings: unknown[] }; productsUsed: unknown[]; signedAt: string | null }>(
    page.request,
    `/api/v1/procedures/${procedure.id}`,
  );
  expect(chart.signedAt).not.toBeNull();
  expect(chart.laser.settings).toHaveLength(2);
  expect(chart.productsUsed).toHaveLength(2);
  const locked = await page.request.patch(`/api/v1/procedures/${procedure.id}`, { data: { productsUsed: [] } });
  expect(locked.status()).toBe(409);
});

test('the demo’s signed IPL chart shows the consent its procedure type requires, signed by the patient', async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  const lots = await getJson<{ items: Lot[] }>(page.request, '/api/v1/inventory/lots');
  const cream = lots.items.find((lot) => lot.lotNumber === 'BLT-4410');
  if (!cream) throw new Error('the demo has no numbing cream lot');
  const treated = await getJson<{ items: { procedureId: string; procedureTypeName: string }[] }>(
    page.request,
    `/api/v1/inventory/lots/${cream.id}/patients`,
  );
  const ipl = treated.items.find((item) => item.procedureTypeName === 'IPL Photofacial');
  if (!ipl) throw new Error('the demo has no IPL chart');
  await page.goto(`/emr/procedures/${ipl.procedureId}`);
  const consents = page.getByRole('region', { name: 'Consents required' });
  await expect(consents.getByText('IPL photofacial consent')).toBeVisible();
  await expect(consents.getByText(/^Signed /)).toBeVisible();
  await expect(page.getByText(/^Signed by /)).toBeVisible();
  expect(await axeViolations(page, 'demo IPL chart')).toEqual([]);
});

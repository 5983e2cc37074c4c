import { expect, test } from '@playwright/test';
import { getJson, postJson } from './book-helpers.ts';
import { visitToday } from './emr-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

interface Lot {
  id: string;
  lotNumber: string;
  quantityOnHand: number;
}

test('from the board: start a procedure on a checked-in visit, chart Botox from a lot, sign the chart', async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  // Check-in opens on the visit's own day at the clinic, so the visit is today.
  const { clinic, patient, visit, localDate } = await visitToday(page.request, {
    service: /^Botox/,
    firstName: 'Charted',
    fromMinutes: 7 * 60,
  });
  await postJson(page.request, `/api/v1/appointments/${visit.id}/check-in`, {});
  const lotNumber = `E2E${Date.now().toString(36).toUpperCase()}`;
  const lot = await postJson<Lot>(page.request, '/api/v1/inventory/lots', {
    productName: 'Botox Cosmetic 100U',
    lotNumber,
    expiresOn: '2099-12-31',
    quantity: 100,
  });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'EMR', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'EMR' })).toBeVisible();
  await page.goto(`/emr?clinic=${clinic.id}&date=${localDate}`);
  const name = `${patient.firstName} ${patient.lastName}`;
  const checkedIn = page.getByRole('region', { name: 'Checked In' });
  const card = checkedIn.getByLabel(name);
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Start Procedure' }).click();
  const choice = page.getByRole('dialog', { name: 'Start Procedure' });
  await expect(choice.getByRole('button', { name: 'Single Page View' })).toBeVisible();
  await choice.getByRole('button', { name: 'Multi Page View' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'New Procedure' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Procedure type/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Procedure type' }).click();
  await page.getByRole('option', { name: 'Neurotoxin' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Unsigned')).toBeVisible();
  await page.getByRole('textbox', { name: 'Subjective' }).fill('Wants softer frown lines.');
  await page.getByRole('textbox', { name: 'Plan' }).fill('20 units glabella; review in 2 weeks.');
  await page.getByRole('button', { name: 'Add injectable' }).click();
  await page.getByRole('combobox', { name: 'Lot' }).fill(lotNumber);
  await page.getByRole('option', { name: new RegExp(lotNumber) }).click();
  await page.getByRole('textbox', { name: 'Units' }).fill('20');
  await page.getByRole('textbox', { name: 'Area' }).fill('Glabella');
  await page.getByRole('button', { name: 'Sign chart' }).click();

  await expect(page.getByText(/^Signed by Olivia Bennett/)).toBeVisible();
  await expect(page.getByRole('cell', { name: lotNumber })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Glabella' })).toBeVisible();
  await expect(page.getByText('20 units glabella; review in 2 weeks.')).toBeVisible();
  const lots = await getJson<{ items: Lot[] }>(page.request, '/api/v1/inventory/lots');
  expect(lots.items.find((candidate) => candidate.id === lot.id)?.quantityOnHand).toBe(80);

  await page.getByRole('textbox', { name: 'New addendum' }).fill('Called the next day: no bruising.');
  await page.getByRole('button', { name: 'Add addendum' }).click();
  await expect(page.getByText('Called the next day: no bruising.')).toBeVisible();

  await page.goto(`/emr?clinic=${clinic.id}&date=${localDate}`);
  await expect(page.getByRole('region', { name: 'Ready for Checkout' }).getByLabel(name)).toBeVisible();
});

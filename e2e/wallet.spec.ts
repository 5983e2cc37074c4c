import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { bookToday } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';
import { axeViolations } from './axe.ts';
import { atEachScreenSize, screenshotDir } from './screen-sizes.ts';

// The client wallet: credit added and removed on the client profile; a prepaid package sold at
// one checkout and a unit of it redeemed at the next, first through the API, then through the
// checkout dialog; part of an invoice paid from the wallet in Sales; Settings → Wallet.
// With E2E_SCREENSHOT_DIR set, the Wallet card and the checkout dialog are also photographed
// at desktop, tablet and phone widths.

function dollars(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/** Rounds numerator / denominator half up, as the invoice does its tax. */
function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

interface Clinic {
  id: string;
  name: string;
  timezone: string;
}
interface Service {
  id: string;
  name: string;
  priceCents: number;
}
interface Provider {
  id: string;
  serviceIds: string[];
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

/** Today's local date in the zone. */
function localDateIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A SoHo chemical peel, a provider who offers it with their whole day open, and a checked-in visit for the patient at `hour` local. */
async function checkedInPeel(request: APIRequestContext, patientId: string, hour: number) {
  const clinics = (await getJson<{ items: Clinic[] }>(request, '/api/v1/clinics')).items;
  const clinic = clinics.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const services = (await getJson<{ items: Service[] }>(request, `/api/v1/services?clinicId=${clinic.id}&active=true`)).items;
  const service = services.find((candidate) => /^Chemical Peel/.test(candidate.name));
  if (!service) throw new Error('no SoHo chemical peel');
  const providers = (await getJson<{ items: Provider[] }>(request, `/api/v1/providers?clinicId=${clinic.id}&active=true`)).items;
  const provider = providers.find((candidate) => candidate.serviceIds.includes(service.id));
  if (!provider) throw new Error('no SoHo provider offers the peel');
  const localDate = localDateIn(clinic.timezone);
  const override = await request.post(`/api/v1/providers/${provider.id}/schedule-overrides`, {
    data: { clinicId: clinic.id, localDate, intervals: [{ start: '06:00', end: '23:00' }], note: 'e2e: wallet' },
  });
  expect(override.ok() || override.status() === 409, `schedule override → ${override.status()}`).toBeTruthy();
  const booked = await bookToday(request, clinic, hour * 60, {
    kind: 'appointment',
    mode: 'in_person',
    providerId: provider.id,
    serviceIds: [service.id],
    patientId,
    allowDoubleBooking: true,
    requireCardOnFile: false,
  });
  await postJson(request, `/api/v1/appointments/${booked.id}/check-in`, {});
  return { appointmentId: booked.id, service, clinic, localDate: booked.localDate };
}

/** Opens the checkout dialog of a checked-in appointment from the book. */
async function openCheckout(page: Page, visit: { appointmentId: string; clinic: Clinic; localDate: string }, patientName: string) {
  await page.goto(`/appointments?clinic=${visit.clinic.id}&date=${visit.localDate}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
  const card = page.locator(`[data-appointment-id="${visit.appointmentId}"]`);
  await card.scrollIntoViewIfNeeded();
  await card.click();
  const drawer = page.getByRole('dialog', { name: new RegExp(patientName) });
  await drawer.getByRole('button', { name: 'Checkout' }).click();
  const checkout = page.getByRole('dialog', { name: 'Checkout', exact: true });
  await expect(checkout).toBeVisible();
  return checkout;
}

async function photograph(page: Page, dialog: Locator, name: string): Promise<void> {
  const shots = screenshotDir();
  if (!shots) return;
  await atEachScreenSize(page, async ({ width, height }) => {
    await page.screenshot({ path: `${shots}/${name}-${width}x${height}.png` });
    await dialog.screenshot({ path: `${shots}/${name}-dialog-${width}x${height}.png` });
  });
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
});

test('adds credit on the client profile, sells a prepaid package at checkout, redeems a unit at the next checkout', async ({ page }) => {
  test.slow();
  const lastName = `Walleta${Date.now().toString(36)}`;
  const patient = await postJson<{ id: string }>(page.request, '/api/v1/patients', { firstName: 'Wren', lastName });

  await page.goto(`/clients/${patient.id}`);
  const wallet = page.getByRole('region', { name: 'Wallet' });
  await expect(wallet).toContainText('No credit, rewards or prepaid services yet.');

  await wallet.getByRole('button', { name: 'Add credit' }).click();
  const add = page.getByRole('dialog', { name: `Add credit for Wren ${lastName}` });
  await add.getByRole('textbox', { name: 'Amount (USD)' }).fill('0');
  await add.getByRole('button', { name: 'Add credit' }).click();
  await expect(add.getByText('Enter an amount above zero.')).toBeVisible();
  await expect(add.getByText('Give a reason; it is kept with the entry.')).toBeVisible();
  await add.getByRole('textbox', { name: 'Amount (USD)' }).fill('50');
  await add.getByRole('textbox', { name: 'Reason' }).fill('Goodwill: waited 30 minutes');
  await add.getByRole('button', { name: 'Add credit' }).click();
  await expect(add).toBeHidden();
  await expect(wallet).toContainText('Goodwill: waited 30 minutes');
  await expect(wallet).toContainText('$50.00');

  const first = await checkedInPeel(page.request, patient.id, 7);
  const sold = await postJson<{ invoice: { lines: { kind: string }[] } }>(
    page.request,
    `/api/v1/appointments/${first.appointmentId}/checkout`,
    {
      walletSales: [{ kind: 'prepaid', name: first.service.name, serviceId: first.service.id, quantity: 3, unitPriceCents: 12_000 }],
      payment: { method: 'cash' },
    },
  );
  expect(sold.invoice.lines.map((line) => line.kind)).toContain('prepaid');
  const second = await checkedInPeel(page.request, patient.id, 8);
  const redeemed = await postJson<{ invoice: { totals: { totalCents: number } } }>(
    page.request,
    `/api/v1/appointments/${second.appointmentId}/checkout`,
    { prepaidServiceIds: [second.service.id], payment: { method: 'cash' } },
  );
  expect(redeemed.invoice.totals.totalCents).toBe(0);

  await page.reload();
  await expect(wallet.getByRole('listitem').filter({ hasText: first.service.name })).toContainText('2 of 3 left');

  await wallet.getByRole('button', { name: 'Remove credit' }).click();
  const remove = page.getByRole('dialog', { name: `Remove credit from Wren ${lastName}` });
  await remove.getByRole('textbox', { name: 'Amount (USD)' }).fill('60');
  await remove.getByRole('textbox', { name: 'Reason' }).fill('Added twice');
  await remove.getByRole('button', { name: 'Remove credit' }).click();
  await expect(remove.getByText('Only $50.00 of dollar credits can be removed.')).toBeVisible();
  await remove.getByRole('textbox', { name: 'Amount (USD)' }).fill('20');
  await remove.getByRole('button', { name: 'Remove credit' }).click();
  await expect(remove).toContainText('cannot be undone');
  await remove.getByRole('button', { name: 'Remove $20.00' }).click();
  await expect(remove).toBeHidden();
  await expect(wallet).toContainText('Added twice');
  await expect(wallet).toContainText('$30.00');

  const shots = process.env.E2E_SCREENSHOT_DIR;
  if (shots) {
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await wallet.scrollIntoViewIfNeeded();
      await wallet.screenshot({ path: `${shots}/wallet-card-${width}x${height}.png` });
      await page.screenshot({ path: `${shots}/wallet-page-${width}x${height}.png` });
    }
  }
});

test('sells a prepaid package in the checkout dialog, redeems a unit at the next checkout, and pays part of an invoice from the wallet', async ({
  page,
}) => {
  test.slow();
  const lastName = `Walletb${Date.now().toString(36)}`;
  const patientName = `Iris ${lastName}`;
  const patient = await postJson<{ id: string }>(page.request, '/api/v1/patients', { firstName: 'Iris', lastName });
  await postJson(page.request, `/api/v1/patients/${patient.id}/wallet/credits`, { amountCents: 4_000, reason: 'Goodwill' });

  // First visit: a package of three peels sold with it, paid in cash.
  const first = await checkedInPeel(page.request, patient.id, 9);
  const { taxRateBps } = await getJson<{ taxRateBps: number }>(page.request, `/api/v1/clinics/${first.clinic.id}/billing-settings`);
  let checkout = await openCheckout(page, first, patientName);
  await checkout.getByRole('button', { name: 'Sell package' }).click();
  const sale = checkout.getByRole('group', { name: 'Package 1' });
  await sale.getByRole('textbox', { name: 'Units' }).fill('3');
  await checkout
    .getByRole('button', { name: /^(Take|Charge|Check out)/ })
    .first()
    .click();
  await expect(sale.getByText('Choose the service the package is for.')).toBeVisible();
  await sale.getByRole('combobox', { name: 'Package service' }).click();
  await page.getByRole('option', { name: first.service.name, exact: true }).click();
  await sale.getByRole('textbox', { name: 'Price per unit' }).fill('120');
  await checkout.getByRole('button', { name: 'Sell gift card' }).click();
  const giftCard = checkout.getByRole('group', { name: 'Gift card 1' });
  await giftCard.getByRole('textbox', { name: 'Credit amount' }).fill('25');
  await checkout.getByRole('button', { name: 'Sell product' }).click();
  const productSale = checkout.getByRole('group', { name: 'Package 2' });
  await productSale.getByRole('textbox', { name: 'Package product' }).fill('SPF 50 sunscreen');
  await productSale.getByRole('textbox', { name: 'Units' }).fill('2');
  await productSale.getByRole('textbox', { name: 'Price per unit' }).fill('38');
  // The peel and the packages are taxed; the gift card is credit held for later, untaxed.
  const taxable = first.service.priceCents + 3 * 12_000 + 2 * 3_800;
  const firstTotal = taxable + roundHalfUp(taxable * taxRateBps, 10_000) + 2_500;
  await expect(checkout.getByRole('region', { name: 'Totals' })).toContainText(dollars(firstTotal));
  await expect(checkout.getByRole('radio', { name: 'Wallet' })).toBeEnabled();

  // The wallet's $40 cannot pay it: refused in the dialog, nothing sent.
  await checkout.getByRole('radio', { name: 'Wallet' }).check();
  await expect(checkout.getByRole('radio', { name: 'Dollar credits: $40.00 available' })).toBeChecked();
  await checkout.getByRole('button', { name: `Pay ${dollars(firstTotal)} from the wallet` }).click();
  await expect(checkout.getByText(`The client has $40.00 of dollar credits; ${dollars(firstTotal)} cannot be paid from it.`)).toBeVisible();
  // The dialog only: the book behind it, full of earlier flows' visits, is the accessibility flows' to check.
  expect(await axeViolations(page, 'checkout with wallet sales and a wallet payment', '[role="dialog"]')).toEqual([]);
  await photograph(page, checkout, 'checkout-wallet-sales');
  await checkout.getByRole('radio', { name: 'Cash' }).check();
  await checkout.getByRole('button', { name: `Take ${dollars(firstTotal)} cash` }).click();
  await expect(checkout.getByText('Checked out')).toBeVisible();
  await expect(checkout).toContainText('What was sold to the wallet is in the client’s wallet now.');
  await checkout.getByRole('button', { name: 'Done' }).click();

  // Second visit: the peel paid by one of the three units.
  const second = await checkedInPeel(page.request, patient.id, 10);
  checkout = await openCheckout(page, second, patientName);
  const redeem = checkout.getByRole('checkbox', { name: `Pay ${second.service.name} with a prepaid unit` });
  await expect(checkout.getByText('3 left in the client’s wallet')).toBeVisible();
  await redeem.check();
  await expect(checkout.getByRole('region', { name: 'Totals' })).toContainText('$0.00');
  await expect(checkout.getByText('Nothing to pay: prepaid units cover this visit.')).toBeVisible();
  expect(await axeViolations(page, 'checkout redeeming a prepaid unit', '[role="dialog"]')).toEqual([]);
  await photograph(page, checkout, 'checkout-wallet-redeem');
  await checkout.getByRole('button', { name: 'Check out', exact: true }).click();
  await expect(checkout.getByText('Checked out')).toBeVisible();
  await expect(checkout).toContainText('comes to $0.00: nothing to pay.');
  await checkout.getByRole('button', { name: 'Done' }).click();

  await page.goto(`/clients/${patient.id}`);
  const wallet = page.getByRole('region', { name: 'Wallet' });
  await expect(wallet.getByRole('listitem').filter({ hasText: first.service.name })).toContainText('2 of 3 left');
  await expect(wallet.getByRole('listitem').filter({ hasText: 'SPF 50 sunscreen' })).toContainText('2 of 2 left');
  await expect(wallet).toContainText('$65.00');

  // Third visit: a declined card leaves the invoice unpaid; Sales takes part of it from the wallet.
  await postJson(page.request, `/api/v1/patients/${patient.id}/payment-methods`, { gatewayToken: 'pm_card_chargeDeclined' });
  const third = await checkedInPeel(page.request, patient.id, 11);
  checkout = await openCheckout(page, third, patientName);
  await expect(checkout.getByRole('radio', { name: /Visa •••• 0002/ })).toBeChecked();
  await checkout.getByRole('button', { name: /^Charge/ }).click();
  const declined = checkout.getByRole('alert').filter({ hasText: 'Card declined' });
  await expect(declined).toBeVisible();
  await declined.getByRole('link', { name: /Open invoice #\d+ in Sales/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Invoice #\d+/ })).toBeVisible();
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  const pay = page.getByRole('dialog', { name: /Take payment for invoice/ });
  await pay.getByRole('radio', { name: 'Wallet' }).check();
  await expect(pay.getByRole('radio', { name: 'Dollar credits: $65.00 available' })).toBeChecked();
  await pay.getByRole('textbox', { name: 'Amount to pay' }).fill('70');
  await pay.getByRole('button', { name: 'Pay $70.00 from the wallet' }).click();
  await expect(pay.getByText('The client has $65.00 of dollar credits; $70.00 cannot be paid from it.')).toBeVisible();
  await pay.getByRole('textbox', { name: 'Amount to pay' }).fill('30');
  await pay.getByRole('button', { name: 'Pay $30.00 from the wallet' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '$30.00 paid' })).toBeVisible();
  await expect(pay).toBeHidden();
  const payments = page.getByRole('table', { name: 'Payments' });
  await expect(payments).toContainText('$30.00');
  await expect(page.getByRole('region', { name: 'Summary' }).getByText('Unpaid', { exact: true })).toBeVisible();

  await page.goto(`/clients/${patient.id}`);
  await expect(wallet.getByText('Paid an invoice').first()).toBeVisible();
  await expect(wallet).toContainText('$35.00');
});

test('Settings → Wallet saves the reward rule, refuses a new currency while clients hold credit, and does not overwrite a change made meanwhile', async ({
  page,
}) => {
  interface WalletSettings {
    currency: string;
    rewardCentsPer100Dollars: number;
    rewardValidDays: number | null;
    version: number;
  }
  const before = await getJson<WalletSettings>(page.request, '/api/v1/wallet/settings');
  // The demo practice is shared by every spec: its reward rule is put back however this test ends.
  try {
    await page.goto('/settings/wallet');
    await expect(page.getByRole('heading', { name: 'Wallet' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Wallet settings' });
    await expect(form.getByRole('textbox', { name: 'Currency' })).toHaveValue(before.currency);
    const reward = form.getByRole('textbox', { name: /^Reward per/ });
    const validDays = form.getByRole('textbox', { name: 'Rewards count for' });
    await reward.fill('150');
    await validDays.fill('0');
    await form.getByRole('button', { name: 'Save wallet settings' }).click();
    await expect(form.getByText('At most $100.00 per $100.00 paid.')).toBeVisible();
    await expect(form.getByText('Use a whole number of days from 1 to 3650, or leave it empty for never.')).toBeVisible();
    await reward.fill('2.50');
    await validDays.fill('180');
    await form.getByRole('button', { name: 'Save wallet settings' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wallet settings saved' })).toContainText(
      'Clients earn $2.50 per $100.00 paid; each reward counts for 180 days.',
    );
    expect(await axeViolations(page, 'Settings → Wallet')).toEqual([]);

    // Demo clients hold credit in the wallet's currency: the server refuses another, on the Currency field.
    const currency = form.getByRole('textbox', { name: 'Currency' });
    await currency.fill('EUR');
    await form.getByRole('button', { name: 'Save wallet settings' }).click();
    await expect(currency).toHaveAccessibleDescription(new RegExp(`holds? wallet credit or rewards in ${before.currency}`));
    await expect(currency).toHaveAttribute('aria-invalid', 'true');
    await form.getByRole('button', { name: 'Discard changes' }).click();
    await expect(currency).toHaveValue(before.currency);

    // Someone else saves while this form is open: the next save here is refused, not overwriting theirs.
    const saved = await getJson<WalletSettings>(page.request, '/api/v1/wallet/settings');
    const meanwhile = await page.request.put('/api/v1/wallet/settings', {
      data: { rewardValidDays: 90 },
      headers: { 'if-match': `"${saved.version}"` },
    });
    expect(meanwhile.ok(), `PUT /api/v1/wallet/settings → ${meanwhile.status()}`).toBeTruthy();
    await reward.fill('3');
    await form.getByRole('button', { name: 'Save wallet settings' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Someone else changed the wallet settings' })).toBeVisible();
    await expect(form.getByRole('textbox', { name: 'Rewards count for' })).toHaveValue('90');
    await expect(form.getByRole('textbox', { name: /^Reward per/ })).toHaveValue('2.50');

    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots) {
      for (const [width, height] of [
        [1440, 900],
        [390, 844],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(200);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: `${shots}/settings-wallet-${width}x${height}.png` });
      }
    }
  } finally {
    const restored = await page.request.put('/api/v1/wallet/settings', {
      data: {
        currency: before.currency,
        rewardCentsPer100Dollars: before.rewardCentsPer100Dollars,
        rewardValidDays: before.rewardValidDays,
      },
    });
    expect(restored.ok(), `restoring the wallet settings → ${restored.status()}`).toBeTruthy();
  }
});

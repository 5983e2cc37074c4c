import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';
import { axeViolations } from './axe.ts';

// Memberships, staff side: plans and coupons made in Settings → Memberships, a member seen in the
// Memberships tab and on their membership's page, held, resumed and cancelled there. The member
// is enrolled through the API (the client profile's enrolment form is its own flow). Each screen
// is checked with axe (WCAG 2.1 AA); with E2E_SCREENSHOT_DIR set, each is also photographed at
// desktop, tablet and phone sizes (memberships-<screen>-<width>.png).

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const SIZES = [
  [1440, 900],
  [1024, 768],
  [390, 844],
] as const;

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

/** Picks an option of a Mantine Select or MultiSelect: opens it, narrows by typing when it is searchable, clicks the option. */
async function choose(page: Page, combobox: Locator, search: string, option: string | RegExp): Promise<void> {
  await combobox.click();
  if (await combobox.isEditable()) await combobox.fill(search);
  await page.getByRole('option', { name: option }).click();
  // A multi-select keeps its list open after a choice, and with the plans earlier flows made the
  // list reaches over the dialog's buttons: a click on the dialog's title closes it. (Tab would
  // open the next field's list when that field is a multi-select too.)
  const list = page.getByRole('listbox');
  if (await list.isVisible()) {
    await combobox.locator('xpath=ancestor::*[@role="dialog"][1]').getByRole('heading').first().click();
    await expect(list).toBeHidden();
  }
}

/** A plan without an agreement, made through the API, sold at the first active clinic. */
async function apiPlan(request: APIRequestContext, suffix: string) {
  const clinics = (await getJson<{ items: { id: string; name: string; active: boolean }[] }>(request, '/api/v1/clinics')).items;
  const clinic = clinics.find((candidate) => candidate.active);
  if (!clinic) throw new Error('the demo practice has no active clinic');
  return postJson<{ id: string; name: string }>(request, '/api/v1/membership-plans', {
    name: `Radiance Club ${suffix}`,
    monthlyPriceCents: 14_900,
    signUpFeeCents: 5_000,
    minimumTermMonths: 6,
    clinicIds: [clinic.id],
    soldOnline: false,
  });
}

/** A new client with a Visa on file. */
async function cardHolder(request: APIRequestContext, suffix: string) {
  const lastName = `Member${suffix}`;
  const patient = await postJson<{ id: string }>(request, '/api/v1/patients', { firstName: 'Maren', lastName });
  const card = await postJson<{ id: string }>(request, `/api/v1/patients/${patient.id}/payment-methods`, { gatewayToken: 'pm_card_visa' });
  return { patientId: patient.id, cardId: card.id, patientName: `Maren ${lastName}` };
}

/** A new client enrolled through the API in a plan of their own, drawn on the 31st. */
async function enrolledMember(request: APIRequestContext, suffix: string) {
  const plan = await apiPlan(request, suffix);
  const client = await cardHolder(request, suffix);
  const membership = await postJson<{ id: string; status: string }>(request, `/api/v1/patients/${client.patientId}/memberships`, {
    planId: plan.id,
    interval: 'month',
    drawDay: 31,
    paymentMethodId: client.cardId,
  });
  expect(membership.status).toBe('active');
  return { plan, ...client, membershipId: membership.id };
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
});

test('an owner makes a plan with an agreement and a coupon in Settings → Memberships, and a client enrols with the code', async ({
  page,
}) => {
  test.slow();
  const found: string[] = [];
  const suffix = Date.now().toString(36);
  const planName = `Glow Society ${suffix}`;
  const code = `GLOW${suffix.toUpperCase()}`;
  // A second plan, without an agreement, that a client enrols in through the API below.
  const otherPlan = await apiPlan(page.request, `${suffix}b`);
  const client = await cardHolder(page.request, `${suffix}b`);

  await page.goto('/settings');
  await page
    .getByRole('navigation', { name: 'Settings' })
    .getByRole('link', { name: /^Memberships/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Memberships' })).toBeVisible();
  const retries = page.getByRole('region', { name: 'Failed payments' });
  await expect(retries).toContainText('tried again 3 and 6 days after the draw date');
  await inspect(page, found, 'settings');

  await page.getByRole('button', { name: 'Add plan' }).first().click();
  const planDialog = page.getByRole('dialog', { name: 'Add plan' });
  await planDialog.getByRole('button', { name: 'Add plan' }).click();
  await expect(planDialog.getByText('Give the plan a monthly price, a yearly price or both.')).toBeVisible();
  await expect(planDialog.getByText('Name the plan.')).toBeVisible();
  await planDialog.getByRole('textbox', { name: 'Name', exact: true }).fill(planName);
  await planDialog.getByRole('textbox', { name: 'Description' }).fill('A monthly HydraFacial and member prices on injectables.');
  await planDialog.getByRole('textbox', { name: 'Monthly price' }).fill('99');
  await planDialog.getByRole('textbox', { name: 'Yearly price' }).fill('990.00');
  await planDialog.getByRole('textbox', { name: 'Sign-up fee' }).fill('25');
  await planDialog.getByRole('textbox', { name: 'Minimum term (months)' }).fill('6');
  await choose(page, planDialog.getByRole('combobox', { name: 'Agreement' }), 'Neurotoxin', 'Neurotoxin consent');
  await choose(page, planDialog.getByRole('combobox', { name: 'Clinics' }), 'SoHo', /SoHo/);
  await planDialog.getByRole('textbox', { name: 'Tier name' }).fill('Gold');
  await planDialog.getByRole('textbox', { name: 'Tier colour' }).fill('#D4A017');
  await planDialog.getByRole('textbox', { name: 'Wallet credit each period' }).fill('25');
  await inspect(page, found, 'plan-dialog');
  await planDialog.getByRole('button', { name: 'Add plan' }).click();
  await expect(planDialog).toBeHidden();
  const planRow = page.getByRole('table', { name: 'Membership plans' }).getByRole('row').filter({ hasText: planName });
  await expect(planRow).toContainText('$99.00');
  await expect(planRow).toContainText('$990.00');
  await expect(planRow).toContainText('+ $25.00 sign-up fee');
  await expect(planRow).toContainText('Neurotoxin consent');
  await expect(planRow).toContainText('Gold tier');
  await expect(planRow).toContainText('Sold online');

  await planRow.getByRole('button', { name: `Edit ${planName}` }).click();
  const editDialog = page.getByRole('dialog', { name: `Edit ${planName}` });
  await editDialog.getByRole('textbox', { name: 'Monthly price' }).fill('109');
  await editDialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(editDialog).toBeHidden();
  await expect(planRow).toContainText('$109.00');

  await page.getByRole('button', { name: 'Add coupon' }).first().click();
  const couponDialog = page.getByRole('dialog', { name: 'Add coupon' });
  await couponDialog.getByRole('textbox', { name: 'Code' }).fill('x');
  await couponDialog.getByRole('button', { name: 'Add coupon' }).click();
  await expect(couponDialog.getByText('Must be 3 to 40 letters, digits, - or _.')).toBeVisible();
  await expect(couponDialog.getByText('Enter the percent off.')).toBeVisible();
  await couponDialog.getByRole('textbox', { name: 'Code' }).fill(code.toLowerCase());
  await couponDialog.getByRole('textbox', { name: 'Percent off' }).fill('20');
  await choose(page, couponDialog.getByRole('combobox', { name: 'Applies to' }), '', 'A number of payments');
  await couponDialog.getByRole('textbox', { name: 'Number of payments' }).fill('3');
  await couponDialog.getByRole('textbox', { name: 'Most redemptions' }).fill('20');
  await choose(page, couponDialog.getByRole('combobox', { name: 'Plans' }), planName, planName);
  await choose(page, couponDialog.getByRole('combobox', { name: 'Plans' }), otherPlan.name, otherPlan.name);
  // The plan's "saved" notices fade out while the coupon is typed; axe reads a fading notice's text
  // as too faint, so the dialog is checked once they are gone.
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await inspect(page, found, 'coupon-dialog');
  await couponDialog.getByRole('button', { name: 'Add coupon' }).click();
  await expect(couponDialog).toBeHidden();
  const couponRow = page.getByRole('table', { name: 'Coupons' }).getByRole('row').filter({ hasText: code });
  await expect(couponRow).toContainText('20% off');
  await expect(couponRow).toContainText('First 3 payments');
  await expect(couponRow).toContainText('0 of 20');

  // The code works when enrolling: the client pays 20% less, and the coupon counts one use.
  const enrolled = await postJson<{ id: string; periods: { amountCents: number }[] }>(
    page.request,
    `/api/v1/patients/${client.patientId}/memberships`,
    { planId: otherPlan.id, interval: 'month', drawDay: 5, paymentMethodId: client.cardId, couponCode: code.toLowerCase() },
  );
  expect(enrolled.periods[0]?.amountCents).toBe(14_900 * 0.8 + 5_000);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Coupons' }).getByRole('row').filter({ hasText: code })).toContainText('1 of 20');
  await page.goto(`/memberships/${enrolled.id}`);
  await expect(page.getByRole('region', { name: 'Membership' })).toContainText(`${code}: 20% off the first 3 payments`);
  expect(found).toEqual([]);
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

test('an owner deactivates a plan, which leaves the enrolment plan choice while its member stays, and edits and deactivates a coupon', async ({
  page,
}) => {
  test.slow();
  const found: string[] = [];
  const suffix = Date.now().toString(36);
  const member = await enrolledMember(page.request, `${suffix}d`);
  const soldPlan = await apiPlan(page.request, `${suffix}e`);
  const client = await cardHolder(page.request, `${suffix}e`);
  const code = `EDIT${suffix.toUpperCase()}`;
  const coupon = await postJson<{ id: string }>(page.request, '/api/v1/coupons', {
    code,
    percentOff: 15,
    duration: 'once',
    maxRedemptions: 5,
  });
  // One redemption, so the limit has a floor.
  await postJson(page.request, `/api/v1/patients/${client.patientId}/memberships`, {
    planId: soldPlan.id,
    interval: 'month',
    drawDay: 5,
    paymentMethodId: client.cardId,
    couponCode: code,
  });

  await page.goto('/settings');
  await page
    .getByRole('navigation', { name: 'Settings' })
    .getByRole('link', { name: /^Memberships/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Memberships' })).toBeVisible();

  // Deactivate the plan that has a member: confirmed in a dialog that says the member stays.
  const activeRow = page
    .getByRole('table', { name: 'Membership plans', exact: true })
    .getByRole('row')
    .filter({ hasText: member.plan.name });
  await activeRow.getByRole('button', { name: `Deactivate ${member.plan.name}` }).click();
  const deactivate = page.getByRole('dialog', { name: `Deactivate plan ${member.plan.name}?` });
  await expect(deactivate).toContainText('Its member keeps their billing, perks and price until they cancel.');
  await inspect(page, found, 'deactivate-plan-dialog');
  await deactivate.getByRole('button', { name: 'Deactivate' }).click();
  await expect(deactivate).toBeHidden();
  const inactiveRow = page.getByRole('table', { name: 'Inactive membership plans' }).getByRole('row').filter({ hasText: member.plan.name });
  await expect(inactiveRow).toContainText('Inactive');
  await expect(inactiveRow.getByRole('button', { name: `Reactivate ${member.plan.name}` })).toBeVisible();
  await expect(activeRow).toHaveCount(0);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await page.getByRole('heading', { name: 'Inactive plans' }).scrollIntoViewIfNeeded();
  await inspect(page, found, 'settings-inactive-plan');

  // Edit the coupon: the discount is fixed; fields are checked; someone else's change meanwhile is a conflict.
  const couponRow = page.getByRole('table', { name: 'Coupons' }).getByRole('row').filter({ hasText: code });
  await expect(couponRow).toContainText('1 of 5');
  await couponRow.getByRole('button', { name: `Edit ${code}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit coupon ${code}` });
  await expect(edit).toContainText('15% off, first payment');
  await expect(edit).toContainText('The code, discount and duration do not change once a coupon is made');
  await edit.getByRole('textbox', { name: 'Valid from' }).fill('2031-03-01');
  await edit.getByRole('textbox', { name: 'Valid until' }).fill('2031-02-01');
  await edit.getByRole('textbox', { name: 'Most redemptions' }).fill('0');
  await edit.getByRole('button', { name: 'Save coupon' }).click();
  await expect(edit.getByText('Must be on or after the first day it is valid.')).toBeVisible();
  await expect(edit.getByText('Use 1 or more, or leave empty for no limit.')).toBeVisible();
  await inspect(page, found, 'coupon-edit-dialog');

  await edit.getByRole('textbox', { name: 'Valid from' }).fill('');
  await edit.getByRole('textbox', { name: 'Valid until' }).fill('2031-06-30');
  await edit.getByRole('textbox', { name: 'Most redemptions' }).fill('10');
  const meanwhile = await page.request.patch(`/api/v1/coupons/${coupon.id}`, { data: { maxRedemptions: 8 } });
  expect(meanwhile.status()).toBe(200);
  await edit.getByRole('button', { name: 'Save coupon' }).click();
  await expect(edit.getByRole('alert')).toContainText('Someone else changed this coupon while you were editing');
  await expect(couponRow).toContainText('1 of 8');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeHidden();

  await couponRow.getByRole('button', { name: `Edit ${code}` }).click();
  await expect(edit.getByRole('textbox', { name: 'Most redemptions' })).toHaveValue('8');
  await edit.getByRole('textbox', { name: 'Valid until' }).fill('2031-06-30');
  await edit.getByRole('textbox', { name: 'Most redemptions' }).fill('10');
  await edit.getByRole('button', { name: 'Save coupon' }).click();
  await expect(edit).toBeHidden();
  await expect(couponRow).toContainText('1 of 10');
  await expect(couponRow).toContainText('Until');

  await couponRow.getByRole('button', { name: `Deactivate ${code}` }).click();
  const deactivateCoupon = page.getByRole('dialog', { name: `Deactivate coupon ${code}?` });
  await expect(deactivateCoupon).toContainText('Members who already used it keep their discount.');
  await deactivateCoupon.getByRole('button', { name: 'Deactivate' }).click();
  await expect(deactivateCoupon).toBeHidden();
  await expect(couponRow).toContainText('Inactive');
  const refused = await page.request.post(`/api/v1/patients/${member.patientId}/memberships`, {
    data: { planId: soldPlan.id, interval: 'month', drawDay: 5, paymentMethodId: member.cardId, couponCode: code },
  });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ code: 'coupon_inactive', field: 'couponCode' });

  // The front desk's plan choice no longer offers the deactivated plan; the member still holds it.
  await page.goto(`/clients/${member.patientId}`);
  const memberships = page.getByRole('region', { name: 'Memberships' });
  await expect(memberships).toContainText(member.plan.name);
  await memberships.getByRole('button', { name: 'Membership Plan' }).click();
  const enrol = page.getByRole('dialog', { name: `Membership Plan for ${member.patientName}` });
  await enrol.getByRole('combobox', { name: 'Plan' }).click();
  await expect(page.getByRole('option', { name: soldPlan.name })).toBeVisible();
  await expect(page.getByRole('option', { name: member.plan.name })).toHaveCount(0);
  expect(found).toEqual([]);
});

import { expect, test, type Page } from '@playwright/test';
import { busyDemoDate, soho } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// The book without a mouse: every control is reached with Tab and shows where focus is,
// drawers keep focus inside and give it back when Escape closes them.

interface Focused {
  appointmentId: string | null;
  role: string | null;
  label: string | null;
  inDialog: boolean;
  outlineStyle: string;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      appointmentId: element?.getAttribute('data-appointment-id') ?? null,
      role: element?.getAttribute('role') ?? null,
      label: element?.getAttribute('aria-label') ?? null,
      inDialog: Boolean(element?.closest('[role="dialog"]')),
      outlineStyle: element ? getComputedStyle(element).outlineStyle : 'none',
    };
  });
}

/** Presses Tab until `matches` holds for the focused element; fails after `limit` presses. */
async function tabUntil(page: Page, matches: (element: Focused) => boolean, what: string, limit = 80): Promise<Focused> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    if (matches(element)) return element;
  }
  throw new Error(`Tab never reached ${what}`);
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
});

test('a card opens its drawer from the keyboard; focus stays in the drawer and returns to the card on Escape', async ({ page }) => {
  const { clinic } = await soho(page.request);
  await page.goto(`/appointments?clinic=${clinic.id}&date=${busyDemoDate()}`);
  await expect(page.locator('[data-appointment-id]').first()).toBeVisible();

  const clinicField = await tabUntil(page, (element) => element.label === 'Clinic', 'the clinic field');
  expect(clinicField.outlineStyle, 'the clinic field shows a focus ring').toBe('solid');
  const card = await tabUntil(page, (element) => element.appointmentId !== null, 'a card');
  expect(card.outlineStyle, 'the card shows a focus ring').toBe('solid');

  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect.poll(async () => (await focused(page)).inDialog).toBe(true);
  for (let presses = 0; presses < 25; presses++) {
    await page.keyboard.press('Tab');
    expect((await focused(page)).inDialog, `Tab ${presses + 1} stays in the drawer`).toBe(true);
  }
  await page.keyboard.press('Escape');

  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await focused(page)).appointmentId).toBe(card.appointmentId);
});

test('an empty time is chosen with the arrow keys and booked with Enter', async ({ page }) => {
  const { clinic } = await soho(page.request);
  await page.goto(`/appointments?clinic=${clinic.id}&date=${busyDemoDate()}`);
  await expect(page.locator('[data-appointment-id]').first()).toBeVisible();

  const column = await tabUntil(
    page,
    (element) => element.role === 'group' && /Enter books it$/.test(element.label ?? '') && !/Not working/.test(element.label ?? ''),
    'a working provider’s column',
  );
  expect(column.outlineStyle, 'the column shows a focus ring').toBe('solid');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  const form = page.getByRole('dialog', { name: 'New appointment' });
  await expect(form).toBeVisible();
  const providerName = (column.label ?? '').split(',')[0] ?? '';
  // The form names the column's provider (free or not is known once a service is chosen).
  const escapedName = providerName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(form.getByRole('combobox', { name: 'Provider' })).toHaveValue(new RegExp(`^${escapedName}`));
  // With no service chosen there is no visit length to judge by: no "(not free)" mark yet.
  await expect(form.getByRole('combobox', { name: 'Provider' })).not.toHaveValue(/not free/);
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect.poll(async () => (await focused(page)).label).toBe(column.label);
});

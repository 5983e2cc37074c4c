import { expect, test } from '@playwright/test';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// Settings → Booking Portal through the real UI, on the demo practice (which has reminders
// and three banners: one showing, one scheduled, one turned off).

test('the owner edits the Important Reminders and online windows, and adds, turns off and deletes a banner', async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await page.goto('/settings/booking-portal');
  await expect(page.getByRole('heading', { level: 1, name: 'Booking Portal' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Address name' })).toHaveValue('demo');

  const banners = page.getByRole('list', { name: 'Banners' });
  await expect(banners.getByRole('listitem').filter({ hasText: 'Glow season' })).toContainText('Showing now');
  await expect(banners.getByRole('listitem').filter({ hasText: 'evening appointments' })).toContainText('Scheduled');
  await expect(banners.getByRole('listitem').filter({ hasText: 'Holiday hours' })).toContainText('Off');

  // More than 50 words cannot be saved; the counter says why.
  const reminders = page.getByRole('textbox', { name: 'Client Portal Important Reminders' });
  await reminders.fill('word '.repeat(51));
  await expect(page.getByText('51 of 50 words')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  const text = `Masks are optional. Reminder ${Date.now()}.`;
  await reminders.fill(text);
  await page.getByRole('switch', { name: 'Patients can cancel appointments' }).click();
  await page.getByRole('textbox', { name: 'Reschedule closes (hours before)' }).fill('48');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Booking Portal saved')).toBeVisible();

  const saved = await (await page.request.get('/api/v1/booking-portal')).json();
  expect(saved).toMatchObject({
    importantReminders: text,
    patientActions: { cancel: { enabled: false }, reschedule: { enabled: true, closesHoursBefore: 48 } },
  });

  // A new banner runs from today for 30 days unless the dates are changed.
  const body = `Summer lip filler evening ${Date.now()}`;
  await page.getByRole('button', { name: 'Add New Banner' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add New Banner' });
  await dialog.getByRole('textbox', { name: 'Banner text' }).fill(body);
  await expect(dialog.getByRole('button', { name: 'Start date' })).not.toHaveText('');
  await dialog.getByRole('button', { name: 'Add banner' }).click();
  await expect(dialog).toBeHidden();
  const added = banners.getByRole('listitem').filter({ hasText: body });
  await expect(added).toContainText('Showing now');

  await added.getByRole('switch', { name: `Show “${body}” to patients` }).click();
  await expect(added).toContainText('Off');
  await added.getByRole('button', { name: `Delete “${body}”` }).click();
  await page.getByRole('dialog', { name: 'Delete banner' }).getByRole('button', { name: 'Delete banner' }).click();
  await expect(banners.getByRole('listitem').filter({ hasText: body })).toHaveCount(0);
});

test('the front desk sees the Booking Portal marked for owners and admins, and is told who can change it', async ({ page }) => {
  await signIn(page, 'frontdesk@demo.glowdesk.app', DEMO_PASSWORD);
  await page.goto('/settings');
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: /Booking Portal/ })).toContainText(
    'Owners and admins only',
  );
  await page.goto('/settings/booking-portal');
  await expect(page.getByText('Your role cannot change the Booking Portal')).toBeVisible();
});

test('Booking Portal screens at desktop, tablet and phone widths', async ({ page }) => {
  const folder = process.env.E2E_SCREENSHOT_DIR;
  test.skip(!folder, 'set E2E_SCREENSHOT_DIR to take screenshots');
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  for (const [name, width, height] of [
    ['desktop', 1440, 900],
    ['tablet', 1024, 768],
    ['phone', 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/settings/booking-portal');
    await expect(page.getByRole('list', { name: 'Banners' })).toBeVisible();
    await page.screenshot({ path: `${folder}/booking-portal-${name}.png`, fullPage: true });
    await page.getByRole('button', { name: 'Add New Banner' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${folder}/booking-portal-${name}-new-banner.png` });
    await page.keyboard.press('Escape');
  }
});

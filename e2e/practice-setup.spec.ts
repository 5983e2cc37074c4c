import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

const CLINIC_ZONE = 'America/Chicago';

/** Picks an option of a Mantine Select or MultiSelect: opens it, narrows by typing when it is searchable, clicks the option. */
async function choose(page: Page, combobox: Locator, search: string, option: string | RegExp): Promise<void> {
  await combobox.click();
  if (await combobox.isEditable()) await combobox.fill(search);
  await page.getByRole('option', { name: option }).click();
}

function settingsLink(page: Page, name: RegExp): Locator {
  return page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name });
}

/** The clinic's calendar date `days` from today, 'YYYY-MM-DD'. */
function clinicDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_ZONE }).format(new Date());
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

test('the owner sets up a clinic, its laser, a service, a provider and their week, and sees the preview', async ({ page }) => {
  // One story through six pages and about forty steps.
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const clinicName = `Lumière Aesthetics — Austin ${run}`;
  const serviceName = `Halo Laser Resurfacing ${run}`;
  const person = { name: `Noor Haddad ${run}`, email: `noor.haddad+${run}@demo.glowdesk.app` };

  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);

  // A new staff account, to become a provider.
  await page.goto('/settings/staff');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  const staffDialog = page.getByRole('dialog', { name: 'Add staff member' });
  await staffDialog.getByRole('textbox', { name: 'Name', exact: true }).fill(person.name);
  await staffDialog.getByRole('textbox', { name: 'Email', exact: true }).fill(person.email);
  await staffDialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Provider' }).click();
  await staffDialog.getByRole('textbox', { name: 'First password', exact: true }).fill('provider-first-pass');
  await staffDialog.getByRole('button', { name: 'Add staff member' }).click();
  await expect(staffDialog).toBeHidden();

  // Clinic: the server's duplicate-name refusal lands on Name, the E.164 check on the SMS phone.
  await settingsLink(page, /^Clinics/).click();
  await expect(page.getByRole('heading', { name: 'Clinics', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Add clinic' }).click();
  const clinicDialog = page.getByRole('dialog', { name: 'Add clinic' });
  const clinicNameInput = clinicDialog.getByRole('textbox', { name: 'Name' });
  await clinicNameInput.fill('Lumière Aesthetics — SoHo');
  await choose(page, clinicDialog.getByRole('combobox', { name: 'Time zone' }), 'Chicago', /^America\/Chicago/);
  const smsInput = clinicDialog.getByRole('textbox', { name: 'SMS notification phone' });
  await smsInput.fill('512 555 0100');
  await clinicDialog.getByRole('button', { name: 'Add clinic' }).click();
  await expect(smsInput).toHaveAttribute('aria-invalid', 'true');
  await expect(smsInput).toHaveAccessibleDescription(/Must be a phone number in international \(E\.164\) format/);
  await expect(clinicNameInput).not.toHaveAttribute('aria-invalid', 'true');

  await smsInput.fill('+1 512 555 0100');
  await clinicDialog.getByRole('button', { name: 'Add clinic' }).click();
  await expect(clinicNameInput).toHaveAccessibleDescription(/Another clinic already has this name/);
  await expect(smsInput).not.toHaveAttribute('aria-invalid', 'true');

  await clinicNameInput.fill(clinicName);
  await clinicDialog.getByRole('button', { name: 'Add clinic' }).click();
  await expect(clinicDialog).toBeHidden();
  const clinicRow = page.getByRole('row').filter({ hasText: clinicName });
  await expect(clinicRow).toContainText('America/Chicago');
  await expect(clinicRow).toContainText('SMS +15125550100');
  await expect(clinicRow).toContainText('Active');

  // A laser at the new clinic.
  await settingsLink(page, /^Rooms & equipment/).click();
  await page.getByRole('button', { name: 'Add room or equipment' }).click();
  const resourceDialog = page.getByRole('dialog', { name: 'Add room or equipment' });
  await choose(page, resourceDialog.getByRole('combobox', { name: 'Clinic' }), 'Austin', clinicName);
  await resourceDialog.getByText('Equipment', { exact: true }).click();
  await resourceDialog.getByRole('textbox', { name: 'Name' }).fill('Sciton Halo laser');
  await resourceDialog.getByRole('button', { name: 'Add equipment' }).click();
  await expect(resourceDialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Sciton Halo laser/ })).toContainText('1 at a time');

  // A service that needs it: dollars become exact cents.
  await settingsLink(page, /^Services/).click();
  await page.getByRole('button', { name: 'Add service' }).click();
  const serviceDialog = page.getByRole('dialog', { name: 'Add service' });
  await serviceDialog.getByRole('textbox', { name: 'Name' }).fill(serviceName);
  await serviceDialog.getByRole('combobox', { name: 'Category' }).fill('Laser');
  await serviceDialog.getByRole('textbox', { name: 'Duration' }).fill('60');
  await serviceDialog.getByRole('textbox', { name: 'Buffer after' }).fill('15');
  const priceInput = serviceDialog.getByRole('textbox', { name: 'Price' });
  await priceInput.fill('1,250.505');
  await serviceDialog.getByRole('textbox', { name: 'No-show fee' }).fill('150');
  await choose(page, serviceDialog.getByRole('combobox', { name: 'Clinics' }), 'Austin', clinicName);
  await page.keyboard.press('Escape');
  await choose(page, serviceDialog.getByRole('combobox', { name: 'Rooms and equipment' }), 'Halo', /^Sciton Halo laser/);
  await page.keyboard.press('Escape');
  await serviceDialog.getByRole('button', { name: 'Add service' }).click();
  await expect(priceInput).toHaveAccessibleDescription(/Use at most 2 decimal places/);
  await priceInput.fill('1,250.50');
  await serviceDialog.getByRole('button', { name: 'Add service' }).click();
  await expect(serviceDialog).toBeHidden();
  const serviceRow = page.getByRole('row').filter({ hasText: serviceName });
  await expect(serviceRow).toContainText('$1,250.50');
  await expect(serviceRow).toContainText('No-show $150.00');
  await expect(serviceRow).toContainText('+ 15 after');

  // The staff member becomes a provider at the clinic, performing the service.
  await settingsLink(page, /^Providers/).click();
  await page.getByRole('button', { name: 'Add provider' }).click();
  const providerDialog = page.getByRole('dialog', { name: 'Add provider' });
  await choose(page, providerDialog.getByRole('combobox', { name: 'Staff member' }), 'Noor', new RegExp(`^${person.name}`));
  await expect(providerDialog.getByRole('textbox', { name: 'Display name' })).toHaveValue(person.name);
  await providerDialog.getByRole('textbox', { name: 'Title or credentials' }).fill('RN');
  await providerDialog.getByRole('radio', { name: 'Violet' }).click();
  await choose(page, providerDialog.getByRole('combobox', { name: 'Clinics' }), 'Austin', clinicName);
  await page.keyboard.press('Escape');
  await choose(page, providerDialog.getByRole('combobox', { name: 'Services' }), 'Halo', serviceName);
  await page.keyboard.press('Escape');
  const roomInput = providerDialog.getByRole('textbox', { name: 'Virtual visit room' });
  await roomInput.fill('http://video.example/noor');
  await providerDialog.getByRole('button', { name: 'Add provider' }).click();
  await expect(roomInput).toHaveAccessibleDescription(/Must be an https:\/\/ link/);
  await roomInput.fill('https://video.example/noor');
  await providerDialog.getByRole('button', { name: 'Add provider' }).click();
  await expect(providerDialog).toBeHidden();
  const providerRow = page.getByRole('row').filter({ hasText: person.name });
  await expect(providerRow).toContainText('Austin');
  await expect(providerRow).toContainText('1 service');

  // Their week: mornings and afternoons with a lunch break, Monday copied to the weekdays.
  await providerRow.getByRole('button', { name: `Actions for ${person.name}` }).click();
  await page.getByRole('menuitem', { name: 'Working hours' }).click();
  await expect(page.getByRole('heading', { name: 'Schedules', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Provider' })).toHaveValue(person.name);
  await expect(page.getByRole('region', { name: 'Whose schedule' })).toContainText(`Times in ${CLINIC_ZONE.replace('_', ' ')}`);

  await page.getByRole('button', { name: 'Add hours on Monday' }).click();
  await page.getByLabel('Monday, hours 1, from').fill('09:00');
  await page.getByLabel('Monday, hours 1, until').fill('12:00');
  await page.getByRole('button', { name: 'Add hours on Monday' }).click();
  await page.getByLabel('Monday, hours 2, from').fill('13:00');
  await page.getByLabel('Monday, hours 2, until').fill('18:00');
  await page.getByRole('button', { name: 'Copy Monday to Tue–Fri' }).click();
  await expect(page.getByLabel('Friday, hours 2, until')).toHaveValue('18:00');
  await page.getByRole('button', { name: 'Save working hours' }).click();
  await expect(page.getByText('All changes saved.')).toBeVisible();

  // The preview: the server's expansion of those hours in the clinic's zone, a lunch break each weekday.
  const preview = page.getByRole('region', { name: 'Next 7 days' });
  await expect(preview).toContainText(`In ${CLINIC_ZONE}`);
  const workingDays = preview.getByRole('row').filter({ hasText: '9:00 AM – 12:00 PM' });
  await expect(workingDays).toHaveCount(5);
  await expect(workingDays.first()).toContainText('1:00 PM – 6:00 PM');
  await expect(preview.getByRole('row').filter({ hasText: 'Not working' })).toHaveCount(2);

  // Overlapping hours: the server refuses them and the message sits on Tuesday's row.
  await page.getByRole('button', { name: 'Add hours on Tuesday' }).click();
  await page.getByLabel('Tuesday, hours 3, from').fill('11:00');
  await page.getByLabel('Tuesday, hours 3, until').fill('14:00');
  await page.getByRole('button', { name: 'Save working hours' }).click();
  await expect(page.getByRole('group', { name: 'Tuesday' })).toContainText('These hours overlap 9:00 AM – 12:00 PM on Tuesday');
  await expect(page.getByRole('group', { name: 'Monday' })).not.toContainText('overlap');

  // Unsaved hours are not dropped by wandering off.
  await settingsLink(page, /^Providers/).click();
  const unsaved = page.getByRole('dialog', { name: 'Discard unsaved hours?' });
  await unsaved.getByRole('button', { name: 'Keep editing' }).click();
  await expect(unsaved).toBeHidden();
  await expect(page.getByLabel('Tuesday, hours 3, from')).toHaveValue('11:00');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByText('All changes saved.')).toBeVisible();

  // A day off next week.
  const dayOff = clinicDate(8);
  await page.getByRole('button', { name: 'Add date override' }).click();
  const overrideDialog = page.getByRole('dialog', { name: 'Add a date override' });
  await overrideDialog.getByRole('textbox', { name: 'Date' }).fill(dayOff);
  await page.keyboard.press('Tab');
  await overrideDialog.getByRole('textbox', { name: 'Note' }).fill('Training day');
  await overrideDialog.getByRole('button', { name: 'Add override' }).click();
  await expect(overrideDialog).toBeHidden();
  const overrides = page.getByRole('list', { name: 'Date overrides' });
  await expect(overrides).toContainText('Day off');
  await expect(overrides).toContainText('Training day');
});

test('a package needs two services, in an order the owner sets', async ({ page }) => {
  const name = `Glow Duo ${Date.now().toString(36)}`;
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await page.goto('/settings/packages');
  await page.getByRole('button', { name: 'Add package' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add package' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Package price' }).fill('500');
  const picker = dialog.getByRole('combobox', { name: 'Add a service to the package' });
  await choose(page, picker, 'Chemical', /^Chemical Peel/);
  await dialog.getByRole('button', { name: 'Add package' }).click();
  await expect(picker).toHaveAccessibleDescription(/at least two services/);

  await choose(page, picker, 'HydraFacial', /^HydraFacial Signature/);
  await dialog.getByRole('button', { name: /^Move HydraFacial Signature up/ }).click();
  await expect(dialog.getByRole('listitem').first()).toContainText('HydraFacial Signature');
  await expect(dialog).toContainText('1 h 45 min');
  await dialog.getByRole('button', { name: 'Add package' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('1. HydraFacial Signature');
  await expect(row).toContainText('2. Chemical Peel');
  await expect(row).toContainText('$500.00');

  await row.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Deactivate' }).click();
  await page
    .getByRole('dialog', { name: `Deactivate ${name}?` })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  await expect(row).toBeHidden();
  await page.getByText(/^Inactive \(1\)$/).click();
  await expect(row).toContainText('Inactive');
});

test('the front desk sees the practice setup but cannot change it', async ({ page }) => {
  await signIn(page, 'frontdesk@demo.glowdesk.app', DEMO_PASSWORD);

  await page.goto('/settings/clinics');
  await expect(page.getByRole('note').filter({ hasText: 'View only' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Lumière Aesthetics — SoHo/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add clinic' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Actions for/ })).toHaveCount(0);

  await settingsLink(page, /^Services/).click();
  await expect(page.getByRole('row', { name: /Botox/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add service' })).toHaveCount(0);

  await settingsLink(page, /^Schedules/).click();
  await expect(page.getByRole('region', { name: /^Weekly hours at/ })).toContainText('Monday');
  await expect(page.getByRole('button', { name: 'Save working hours' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add date override' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Next 7 days' }).getByRole('row')).toHaveCount(7);
});

// Pictures of each Settings page for review, only when E2E_SCREENSHOT_DIR names a folder:
//   E2E_SCREENSHOT_DIR=/tmp/gd-shots-setup node scripts/e2e.mjs -g "practice setup screens"
const screenshotDir = process.env.E2E_SCREENSHOT_DIR;

test.describe('practice setup screens', () => {
  test.skip(!screenshotDir, 'set E2E_SCREENSHOT_DIR to take screenshots');

  /** Whole pages; a dialog is shot as the window shows it (a full-page capture misplaces the overlay). */
  async function shoot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
  }

  test('as the owner', async ({ page }) => {
    await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
    const pages: [string, string, string][] = [
      ['clinics', 'Clinics', 'Add clinic'],
      ['rooms-and-equipment', 'Rooms & equipment', 'Add room or equipment'],
      ['services', 'Services', 'Add service'],
      ['packages', 'Packages', 'Add package'],
      ['providers', 'Providers', 'Add provider'],
    ];
    for (const [slug, title, add] of pages) {
      await page.goto(`/settings/${slug}`);
      await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
      await expect(page.getByRole('row').nth(1)).toBeVisible();
      await shoot(page, slug);
      await page.getByRole('button', { name: add }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await shoot(page, `${slug}-add`, { fullPage: false });
      await page.keyboard.press('Escape');
    }
    await page.goto('/settings/clinics');
    await page.getByRole('button', { name: 'Add clinic' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'SMS notification phone' }).fill('212 555 0100');
    await page.getByRole('dialog').getByRole('button', { name: 'Add clinic' }).click();
    await shoot(page, 'clinics-add-errors', { fullPage: false });
    await page.keyboard.press('Escape');

    await page.goto('/settings/schedules');
    await expect(page.getByRole('region', { name: 'Next 7 days' }).getByRole('row')).toHaveCount(7);
    await shoot(page, 'schedules');
    await page.getByRole('button', { name: 'Add hours on Tuesday' }).click();
    await page.getByLabel('Tuesday, hours 3, from').fill('11:00');
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await expect(page.getByRole('group', { name: 'Tuesday' })).toContainText('overlap');
    await page.getByRole('group', { name: 'Tuesday' }).scrollIntoViewIfNeeded();
    await shoot(page, 'schedules-overlap', { fullPage: false });
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('button', { name: 'Add date override' }).click();
    await page.getByText('Different hours', { exact: true }).click();
    await shoot(page, 'schedules-override', { fullPage: false });
  });

  test('as the front desk', async ({ page }) => {
    await signIn(page, 'frontdesk@demo.glowdesk.app', DEMO_PASSWORD);
    await page.goto('/settings');
    await shoot(page, 'front-desk-settings');
    await page.goto('/settings/schedules');
    await expect(page.getByRole('region', { name: 'Next 7 days' }).getByRole('row')).toHaveCount(7);
    await shoot(page, 'front-desk-schedules');
  });
});

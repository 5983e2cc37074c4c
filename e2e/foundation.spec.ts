import { expect, test } from '@playwright/test';
import { DEMO_OWNER, DEMO_PASSWORD, signIn, signOut } from './sign-in.ts';

const mainNavigationTabs = ['Appointments', 'Clients', 'Sales', 'Memberships', 'EMR', 'Settings'];

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toContainText('Email or password is incorrect');
  await expect(page).toHaveURL(/\/login$/);
});

test('a signed-out visitor is sent to sign in and then to the page they asked for', async ({ page }) => {
  await page.goto('/settings/staff');
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fstaff$/);

  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/settings\/staff$/);
  await expect(page.getByRole('heading', { name: 'Staff' })).toBeVisible();
});

test('the owner adds a front-desk member, who is refused the audit log', async ({ page }) => {
  const newMember = { name: 'Rowan Ellis', email: `rowan.ellis+${Date.now()}@demo.glowdesk.app`, password: 'front-desk-first-pass' };

  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  const mainNavigation = page.getByRole('navigation', { name: 'Main' });
  for (const tab of mainNavigationTabs) await expect(mainNavigation.getByRole('link', { name: tab, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create' })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByText('Lumière Aesthetics').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /Olivia Bennett, Owner/ })).toBeVisible();

  await mainNavigation.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: /Staff/ }).click();
  await expect(page.getByRole('heading', { name: 'Staff' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Olivia Bennett/ })).toBeVisible();

  await page.getByRole('button', { name: 'Add staff member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add staff member' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(newMember.name);
  await dialog.getByRole('textbox', { name: 'Email', exact: true }).fill(newMember.email);
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Front desk' }).click();
  await dialog.getByRole('textbox', { name: 'First password', exact: true }).fill(newMember.password);
  await dialog.getByRole('button', { name: 'Add staff member' }).click();
  await expect(dialog).toBeHidden();
  const newRow = page.getByRole('row').filter({ hasText: newMember.email });
  await expect(newRow).toContainText('Front desk');
  await expect(newRow).toContainText('Active');

  await signOut(page, DEMO_OWNER.name);
  await signIn(page, newMember.email, newMember.password);
  await expect(page.getByRole('button', { name: /Rowan Ellis, Front desk/ })).toBeVisible();

  await page.goto('/settings/audit-log');
  await expect(page.getByRole('heading', { name: 'Your role cannot view the audit log' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Appointments' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText('has no settings to manage')).toBeVisible();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: /Audit log/ }).click();
  await expect(page).toHaveURL(/\/settings\/audit-log$/);
  await expect(page.getByRole('heading', { name: 'Your role cannot view the audit log' })).toBeVisible();
});

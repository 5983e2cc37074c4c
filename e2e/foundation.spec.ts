import { expect, test } from '@playwright/test';
import { DEMO_OWNER, DEMO_PASSWORD, signIn, signOut } from './sign-in.ts';

const mainNavigationTabs = ['Appointments', 'Clients', 'EMR', 'Sales', 'Memberships', 'Settings'];

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toContainText('Email or password is incorrect');
  await expect(page).toHaveURL(/\/login$/);
  // The sign-in page describes what is built, nothing more.
  await expect(page.getByRole('complementary', { name: 'About Glowdesk' })).not.toContainText(/membership|chart|online booking/i);
});

test('repeated wrong passwords pause sign-in and say when to try again', async ({ page }) => {
  // A demo account no other test signs in with: the pause lasts the whole failure window.
  await page.goto('/login');
  const alert = page.getByRole('alert');
  const signInButton = page.getByRole('button', { name: 'Sign in' });
  // The server pauses an account after 5 failures in its window (LOGIN_MAX_FAILURES_PER_ACCOUNT).
  for (let attempt = 1; attempt <= 6; attempt++) {
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('daniel.kowalski@demo.glowdesk.app');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(`wrong-password-${attempt}`);
    await signInButton.click();
    await expect(alert).toBeVisible();
    await expect(signInButton).toBeEnabled();
  }
  await expect(alert).toContainText('Too many sign-in attempts');
  await expect(alert).toContainText(/Try again in \d+ (minutes?|seconds?)\./);
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
  await expect(page.getByRole('button', { name: 'Create', exact: true })).toBeEnabled();
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
  // The front desk manages the practice's messages; the audit log stays locked for them.
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: /^Messages/ })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Settings' })
    .getByRole('link', { name: /Audit log/ })
    .click();
  await expect(page).toHaveURL(/\/settings\/audit-log$/);
  await expect(page.getByRole('heading', { name: 'Your role cannot view the audit log' })).toBeVisible();
});

test('the audit log filters by whole days in the practice time zone', async ({ page }) => {
  const practiceToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const practiceTomorrow = new Date(Date.parse(`${practiceToday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);

  await page.goto(`/settings/audit-log?action=auth.login&from=${practiceToday}&to=${practiceToday}`);
  await expect(page.getByRole('row').filter({ hasText: DEMO_OWNER.email }).first()).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Action' })).toHaveValue('Signed in');

  await page.goto(`/settings/audit-log?from=${practiceTomorrow}`);
  await expect(page.getByRole('heading', { name: 'No events match these filters' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).toHaveURL(/\/settings\/audit-log$/);
  await expect(page.getByRole('row').filter({ hasText: DEMO_OWNER.email }).first()).toBeVisible();
});

test('an ended session sends the user to sign in with a message, then back where they were going', async ({ page, context }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  // The appointment book refreshes itself in the background, which would notice the ended
  // session first; the client list does not, so the navigation below is what notices.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await context.clearCookies();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your session ended. Sign in again.' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fstaff$/);

  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Staff', level: 1 })).toBeVisible();
});

test('the owner changes a role, deactivates and reactivates an account', async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await page.goto('/settings/staff');
  const row = page.getByRole('row').filter({ hasText: 'hannah.okafor@demo.glowdesk.app' });
  await expect(row).toContainText('Provider');

  await page.getByRole('button', { name: 'Actions for Olivia Bennett' }).click();
  await expect(page.getByRole('menuitem', { name: /Change role/ })).toBeDisabled();
  await page.keyboard.press('Escape');

  await row.getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Change role', exact: true }).click();
  const roleDialog = page.getByRole('dialog', { name: 'Change role' });
  await roleDialog.getByRole('combobox', { name: 'New role' }).click();
  await page.getByRole('option', { name: 'Front desk' }).click();
  await roleDialog.getByRole('button', { name: 'Change role' }).click();
  await expect(roleDialog).toBeHidden();
  await expect(row).toContainText('Front desk');

  await row.getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Deactivate', exact: true }).click();
  const deactivateDialog = page.getByRole('dialog', { name: 'Deactivate Hannah Okafor, RN?' });
  await expect(deactivateDialog).toContainText('signed out everywhere');
  await deactivateDialog.getByRole('button', { name: 'Deactivate' }).click();
  await expect(row).toContainText('Deactivated');

  await row.getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Reactivate', exact: true }).click();
  await page.getByRole('dialog', { name: 'Reactivate Hannah Okafor, RN?' }).getByRole('button', { name: 'Reactivate' }).click();
  await expect(row).toContainText('Active');
});

test('an admin cannot make anyone an owner or change an owner', async ({ page }) => {
  await signIn(page, 'admin@demo.glowdesk.app', DEMO_PASSWORD);
  await page.goto('/settings/staff');

  await page.getByRole('button', { name: 'Add staff member' }).click();
  await page.getByRole('dialog', { name: 'Add staff member' }).getByRole('combobox', { name: 'Role' }).click();
  await expect(page.getByRole('option', { name: 'Front desk' })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Owner' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Add staff member' }).getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Actions for Olivia Bennett' }).click();
  await expect(page.getByRole('menuitem', { name: /Change role/ })).toBeDisabled();
  await expect(page.getByRole('menuitem', { name: /Deactivate/ })).toContainText('Only an owner can change an owner.');
});

import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'glowdesk-demo';
export const DEMO_OWNER = { email: 'owner@demo.glowdesk.app', name: 'Olivia Bennett' };

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
}

export async function signOut(page: Page, displayName: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${displayName}, .*account menu$`) }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

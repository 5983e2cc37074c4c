import { expect, test } from '@playwright/test';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
});

test('finds a client by part of the phone or name and edits the profile', async ({ page }) => {
  const lastName = `Quillfeather${Date.now().toString(36)}`;
  const created = await page.request.post('/api/v1/patients', {
    data: {
      firstName: 'Zephyrine',
      lastName,
      email: `${lastName.toLowerCase()}@example.com`,
      phone: '+16465550177',
      dateOfBirth: '1988-04-12',
    },
  });
  expect(created.ok()).toBeTruthy();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'All clients' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load more' })).toBeVisible();

  const search = page.getByRole('textbox', { name: 'Search clients' });
  await search.fill(lastName.slice(0, 14));
  const results = page.getByRole('table', { name: 'Matching clients' });
  await expect(results.getByRole('link', { name: `${lastName}, Zephyrine` })).toBeVisible();
  await search.fill('zzzz-nobody-zzzz');
  await expect(page.getByRole('heading', { name: 'No client matches' })).toBeVisible();
  await search.fill(lastName);
  await results.getByRole('link', { name: `${lastName}, Zephyrine` }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Zephyrine ${lastName}` })).toBeVisible();
  await expect(page.getByText('(646) 555-0177', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Upcoming appointments' })).toContainText('Nothing booked in the next three months.');
  await expect(page.getByRole('region', { name: 'Cards on file' })).toContainText('No card on file');

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Edit Zephyrine ${lastName}` });
  await dialog.getByRole('textbox', { name: 'Phone' }).fill('212 555 0188');
  await dialog.getByRole('textbox', { name: 'City' }).fill('Brooklyn');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('(212) 555-0188')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('Brooklyn');
});

test('a new client with a known email is flagged as a possible duplicate', async ({ page }) => {
  const lastName = `Duplicatus${Date.now().toString(36)}`;
  const email = `${lastName.toLowerCase()}@example.com`;
  const created = await page.request.post('/api/v1/patients', { data: { firstName: 'Ottilie', lastName, email } });
  expect(created.ok()).toBeTruthy();

  await page.goto('/clients');
  await page.getByRole('button', { name: 'New client' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await dialog.getByRole('textbox', { name: 'First name' }).fill('Otti');
  await dialog.getByRole('textbox', { name: 'Last name' }).fill('Someone');
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await expect(dialog.getByText('This may be an existing patient')).toBeVisible();
  await expect(dialog.getByText('same email')).toBeVisible();
  await dialog.getByRole('button', { name: `Open profile: Ottilie ${lastName}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Ottilie ${lastName}` })).toBeVisible();
});

test('adds a card on file through the gateway’s form, makes another the default and removes one', async ({ page }) => {
  const lastName = `Cardholder${Date.now().toString(36)}`;
  const created = await page.request.post('/api/v1/patients', {
    data: { firstName: 'Odalys', lastName, email: `${lastName.toLowerCase()}@example.com` },
  });
  expect(created.ok()).toBeTruthy();
  const patient = (await created.json()) as { id: string };
  // A card added by script, as the API allows with the gateway's test payment-method ids.
  const scripted = await page.request.post(`/api/v1/patients/${patient.id}/payment-methods`, {
    data: { gatewayToken: 'pm_card_mastercard' },
  });
  expect(scripted.ok()).toBeTruthy();

  await page.goto(`/clients/${patient.id}`);
  const cards = page.getByRole('region', { name: 'Cards on file' });
  await expect(cards).toContainText('Mastercard •••• 4444');
  await expect(cards.getByText('Default')).toBeVisible();

  await cards.getByRole('button', { name: 'Add card' }).click();
  const dialog = page.getByRole('dialog', { name: `Add a card for Odalys ${lastName}` });
  const form = dialog.frameLocator('iframe[title="Card details (secure payment form)"]');
  await form.getByLabel('Card number').fill('4242 4242 4242 4242');
  await form.getByLabel('Expiry (MM/YY)').fill('12/34');
  await form.getByLabel('CVC').fill('123');
  await form.getByRole('button', { name: 'Use this card' }).click();
  await expect(dialog).toBeHidden();
  await expect(cards).toContainText('Visa •••• 4242');
  await expect(cards).toContainText('expires 12/34');

  await cards.getByRole('button', { name: 'Actions for Visa •••• 4242' }).click();
  await page.getByRole('menuitem', { name: 'Make default' }).click();
  await expect(cards.getByTestId('card-on-file').first()).toContainText('Visa •••• 4242');
  await expect(cards.getByTestId('card-on-file').first()).toContainText('Default');

  await cards.getByRole('button', { name: 'Actions for Mastercard •••• 4444' }).click();
  // The Visa card's menu may still be closing: take the item from the Mastercard's own menu.
  await page.getByRole('menu', { name: 'Actions for Mastercard •••• 4444' }).getByRole('menuitem', { name: 'Remove card' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Mastercard •••• 4444?' });
  await confirm.getByRole('button', { name: 'Remove card' }).click();
  await expect(confirm).toBeHidden();
  await expect(cards).not.toContainText('Mastercard');
  await expect(cards.getByTestId('card-on-file')).toHaveCount(1);
});

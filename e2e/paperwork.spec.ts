import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// Paperwork through the real UI: forms written in Settings → Forms, attached to a service in
// its form, forwarded by booking it, seen on the appointment and the client profile, and an
// edit that makes a new version while the assigned form keeps the one the patient was given.

const SERVICE = 'Kybella — Submental Fat';

interface Clinic {
  id: string;
  name: string;
  timezone: string;
}
interface Service {
  id: string;
  name: string;
  clinicIds: string[];
}
interface Slot {
  start: string;
  providerIds: string[];
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

function settingsLink(page: Page, name: RegExp): Locator {
  return page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name });
}

/** A form's row in the appointment drawer or on the client profile. */
function formRow(section: Locator, name: string): Locator {
  return section.getByRole('listitem', { name });
}

test('forms written in Settings are forwarded by booking their service, and an edit does not change what was assigned', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const run = Date.now().toString(36);
  const consentName = `Kybella consent ${run}`;
  const questionnaireName = `Kybella intake ${run}`;
  const firstWording = 'I understand that swelling and numbness under the chin are common for two weeks.';
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);

  await test.step('write a consent with a witness signature', async () => {
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await settingsLink(page, /^Forms/).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Forms' })).toBeVisible();
    await page.getByRole('button', { name: 'Add form' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add form' });
    await dialog.getByRole('button', { name: 'Add form' }).click();
    await expect(dialog.getByText('Enter the form’s name.')).toBeVisible();
    await expect(dialog.getByText('Enter the consent text.')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Name' }).fill(consentName);
    await dialog.getByRole('textbox', { name: 'Consent text' }).fill(firstWording);
    await dialog.getByRole('switch', { name: 'A witness signs too' }).check();
    await dialog.getByRole('button', { name: 'Add form' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row').filter({ hasText: consentName });
    await expect(row).toContainText('Patient and witness sign');
    await expect(row).toContainText('Version 1');
  });

  await test.step('build a questionnaire with a required yes/no and a multiple-choice question', async () => {
    await page.getByRole('button', { name: 'Add form' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add form' });
    await dialog.getByText('Questionnaire', { exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill(questionnaireName);
    const first = dialog.getByRole('group', { name: 'Question 1' });
    await first.getByRole('textbox', { name: 'Wording' }).fill('Are you pregnant or breastfeeding?');
    await expect(first.getByRole('combobox', { name: 'Answer type' })).toHaveValue('Yes / no');
    await first.getByRole('switch', { name: 'Required' }).check();
    await dialog.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('menuitem', { name: 'Multiple choice' }).click();
    const second = dialog.getByRole('group', { name: 'Question 2' });
    await second.getByRole('textbox', { name: 'Wording' }).fill('Which have you had before?');
    await second.getByRole('textbox', { name: 'Option 1' }).fill('Botox');
    await dialog.getByRole('button', { name: 'Add form' }).click();
    await expect(second.getByText('Enter option 2, or remove it.')).toBeVisible();
    await second.getByRole('textbox', { name: 'Option 2' }).fill('Filler');
    await second.getByRole('button', { name: 'Add option' }).click();
    await second.getByRole('textbox', { name: 'Option 3' }).fill('Neither');
    await dialog.getByRole('button', { name: 'Add form' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: questionnaireName })).toContainText('2 questions');
  });

  await test.step('attach both to a service in its form', async () => {
    await settingsLink(page, /^Services/).click();
    await page.getByRole('button', { name: `Actions for ${SERVICE}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${SERVICE}` });
    const forms = dialog.getByRole('combobox', { name: 'Forms' });
    await expect(forms).toBeEnabled();
    for (const name of [consentName, questionnaireName]) {
      await forms.click();
      await forms.fill(run);
      await page.getByRole('option', { name }).click();
    }
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('alert').filter({ hasText: 'Service saved' })).toBeVisible();
  });

  // Booking through the API finds its own free time; the drawer then shows what the booking assigned.
  const request = page.request;
  const services = (await getJson<{ items: Service[] }>(request, '/api/v1/services')).items;
  const service = services.find((candidate) => candidate.name === SERVICE);
  if (!service) throw new Error(`the demo service ${SERVICE} is missing`);
  const clinicId = service.clinicIds[0] ?? '';
  const clinic = (await getJson<{ items: Clinic[] }>(request, '/api/v1/clinics')).items.find((candidate) => candidate.id === clinicId);
  if (!clinic) throw new Error('the service has no clinic');
  const from = new Date(Date.now() + 24 * 3_600_000);
  const to = new Date(from.getTime() + 10 * 24 * 3_600_000);
  const query = new URLSearchParams({ clinicId, serviceIds: service.id, from: from.toISOString(), to: to.toISOString() });
  const slot = (await getJson<{ slots: Slot[] }>(request, `/api/v1/availability?${query.toString()}`)).slots.at(-1);
  if (!slot) throw new Error(`no open ${SERVICE} slot in the next days`);
  const patient = await postJson<{ id: string; firstName: string; lastName: string }>(request, '/api/v1/patients', {
    firstName: 'Paperwork',
    lastName: `E2e${run}`,
  });
  await postJson(request, '/api/v1/appointments', {
    kind: 'appointment',
    mode: 'in_person',
    allowDoubleBooking: false,
    requireCardOnFile: false,
    clinicId,
    providerId: slot.providerIds[0],
    serviceIds: [service.id],
    start: slot.start,
    patientId: patient.id,
  });
  const patientName = `${patient.firstName} ${patient.lastName}`;

  await test.step('the appointment shows both forms with their starting status', async () => {
    const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: clinic.timezone }).format(new Date(slot.start));
    await page.goto(`/appointments?clinic=${clinic.id}&date=${localDate}`);
    const card = page.getByRole('button', { name: new RegExp(`${patientName}, ${SERVICE}`) });
    await card.scrollIntoViewIfNeeded();
    await card.click();
    const drawer = page.getByRole('dialog', { name: new RegExp(`^${patientName}`) });
    const paperwork = drawer.getByRole('region', { name: 'Paperwork' });
    // A consent waits for the patient's signature first; the witness signs after it.
    await expect(formRow(paperwork, consentName)).toContainText('Not Signed');
    await expect(formRow(paperwork, consentName)).toContainText('Consent · version 1');
    await expect(formRow(paperwork, questionnaireName)).toContainText('Not Filled');
    await expect(paperwork).toContainText('2 to complete');
    await expect(paperwork.getByRole('button', { name: 'Assign forms' })).toHaveCount(0);

    await paperwork.getByRole('button', { name: `View ${questionnaireName}` }).click();
    const view = page.getByRole('dialog', { name: questionnaireName });
    await expect(view.getByText('1. Are you pregnant or breastfeeding?')).toBeVisible();
    await expect(view.getByText('Neither')).toBeVisible();
    await expect(view.getByText('Assigned (version 1)')).toBeVisible();
    await view.getByRole('button', { name: 'Close' }).click();
    await drawer.getByRole('link', { name: patientName }).click();
  });

  await test.step('the client profile lists them under the appointment', async () => {
    await expect(page.getByRole('heading', { level: 1, name: patientName })).toBeVisible();
    const paperwork = page.getByRole('region', { name: 'Paperwork' });
    await expect(formRow(paperwork, consentName)).toContainText('Not Signed');
    await expect(formRow(paperwork, questionnaireName)).toContainText('Not Filled');
    await expect(paperwork).toContainText('2 of 2 to complete');
  });

  await test.step('editing the consent makes version 2; the assigned form keeps version 1', async () => {
    await page.goto('/settings/forms');
    await page.getByRole('button', { name: `Actions for ${consentName}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${consentName}` });
    await expect(dialog).toContainText('Saving creates version 2; forms already assigned keep the version the patient saw.');
    await dialog
      .getByRole('textbox', { name: 'Consent text' })
      .fill('Swelling, bruising and numbness under the chin may last up to a month.');
    await dialog.getByRole('button', { name: 'Save as version 2' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: consentName })).toContainText('Version 2');

    await page.goto(`/clients/${patient.id}`);
    const paperwork = page.getByRole('region', { name: 'Paperwork' });
    await expect(formRow(paperwork, consentName)).toContainText('Consent · version 1');
    await paperwork.getByRole('button', { name: `View ${consentName}` }).click();
    const view = page.getByRole('dialog', { name: consentName });
    await expect(view.getByText(firstWording)).toBeVisible();
    await expect(view.getByText('A witness signs too')).toBeVisible();
  });
});

test('a consent that a membership plan uses as its agreement does not start requiring a witness', async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await page.goto('/settings/forms');
  await page.getByRole('button', { name: 'Actions for Glow Club membership agreement' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Glow Club membership agreement' });
  const witness = dialog.getByRole('switch', { name: 'A witness signs too' });
  await witness.check();
  await dialog.getByRole('button', { name: /^Save as version/ }).click();
  await expect(witness).toHaveAccessibleDescription(/“Glow Club” uses this consent as its agreement, which members sign without a witness/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const template = page.getByRole('row').filter({ hasText: 'Glow Club membership agreement' });
  await expect(template).not.toContainText('Patient and witness sign');
});

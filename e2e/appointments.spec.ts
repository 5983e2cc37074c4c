import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { chooseTime } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// The appointment book through the real UI. Every test finds its own free time through the
// availability API (or books its own appointment through the API first), so it does not
// depend on which demo appointments happen to exist, on the day the suite runs.

const PX_PER_MINUTE = 20 / 15;

interface Clinic {
  id: string;
  name: string;
  timezone: string;
}
interface Provider {
  id: string;
  displayName: string;
  title: string | null;
  serviceIds: string[];
}
interface Service {
  id: string;
  name: string;
  mode: string;
  durationMinutes: number;
}
interface Slot {
  start: string;
  end: string;
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

/** The wall clock of an instant in a zone: local date and minutes from midnight. */
function wallClock(instant: string | Date, timeZone: string): { localDate: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .formatToParts(new Date(instant))
    .reduce<Record<string, string>>((found, part) => ({ ...found, [part.type]: part.value }), {});
  return { localDate: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function formatMinutes(minutes: number): string {
  const hours24 = Math.floor(minutes / 60);
  const suffix = hours24 < 12 ? 'AM' : 'PM';
  return `${hours24 % 12 === 0 ? 12 : hours24 % 12}:${String(minutes % 60).padStart(2, '0')} ${suffix}`;
}

interface Setting {
  clinic: Clinic;
  providers: Provider[];
  services: Service[];
  service: (name: RegExp) => Service;
}

async function soho(request: APIRequestContext): Promise<Setting> {
  const clinics = (await getJson<{ items: Clinic[] }>(request, '/api/v1/clinics')).items;
  const clinic = clinics.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const providers = (await getJson<{ items: Provider[] }>(request, `/api/v1/providers?clinicId=${clinic.id}&active=true`)).items;
  const services = (await getJson<{ items: Service[] }>(request, `/api/v1/services?clinicId=${clinic.id}&active=true`)).items;
  const service = (name: RegExp) => {
    const found = services.find((candidate) => name.test(candidate.name));
    if (!found) throw new Error(`no service matches ${name}`);
    return found;
  };
  return { clinic, providers, services, service };
}

/**
 * Open starts from tomorrow on (a week of clinic days), for the services in order; `taken`
 * lists slots earlier tests took, since other tests book the same days.
 */
/** Today at the clinic at `minutes` past its local midnight, as the local date and the UTC instant. */
function todayAt(clinic: Clinic, minutes: number): { localDate: string; start: string } {
  const localDate = wallClock(new Date(), clinic.timezone).localDate;
  const noonLocal = wallClock(new Date(`${localDate}T12:00:00Z`), clinic.timezone).minutes;
  const start = new Date(Date.parse(`${localDate}T00:00:00Z`) + (minutes - (noonLocal - 12 * 60)) * 60_000).toISOString();
  return { localDate, start };
}

async function openSlots(request: APIRequestContext, clinic: Clinic, serviceIds: string[], providerId?: string): Promise<Slot[]> {
  const from = new Date(Date.now() + 24 * 3_600_000);
  const to = new Date(from.getTime() + 10 * 24 * 3_600_000);
  const query = new URLSearchParams({
    clinicId: clinic.id,
    serviceIds: serviceIds.join(','),
    from: from.toISOString(),
    to: to.toISOString(),
  });
  if (providerId) query.set('providerId', providerId);
  return (await getJson<{ slots: Slot[] }>(request, `/api/v1/availability?${query.toString()}`)).slots;
}

let patientSerial = 0;
async function createPatient(request: APIRequestContext, firstName: string): Promise<{ id: string; firstName: string; lastName: string }> {
  patientSerial += 1;
  const lastName = `E2e${Date.now().toString(36)}${patientSerial}`;
  return postJson(request, '/api/v1/patients', { firstName, lastName });
}

async function bookThroughApi(
  request: APIRequestContext,
  body: {
    clinicId: string;
    providerId: string;
    serviceIds: string[];
    start: string;
    patientId: string;
    mode?: string;
    allowDoubleBooking?: boolean;
  },
): Promise<{ id: string; start: string; version: number }> {
  return postJson(request, '/api/v1/appointments', {
    kind: 'appointment',
    mode: 'in_person',
    allowDoubleBooking: false,
    requireCardOnFile: false,
    ...body,
  });
}

async function openBook(page: Page, clinic: Clinic, localDate: string): Promise<void> {
  await page.goto(`/appointments?clinic=${clinic.id}&date=${localDate}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
  await expect(page.getByText(`Times in ${clinic.timezone}`)).toBeVisible();
}

/** Scrolls the book so a time of a column is on screen and returns that point's offset inside the column. */
async function revealTime(page: Page, columnKey: string, minutes: number): Promise<{ x: number; y: number }> {
  const column = page.locator(`[data-column-key="${columnKey}"]`);
  await expect(column).toBeVisible();
  const dayStart = Number(await column.getAttribute('data-day-start'));
  const y = (minutes - dayStart) * PX_PER_MINUTE + 6;
  await column.evaluate((element, top) => {
    const scroller = element.closest('[data-book-scroller]');
    if (scroller) scroller.scrollTop = Math.max(0, top - 160);
  }, y);
  return { x: 24, y };
}

async function clickSlot(page: Page, columnKey: string, minutes: number): Promise<void> {
  const position = await revealTime(page, columnKey, minutes);
  await page.locator(`[data-column-key="${columnKey}"]`).click({ position });
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
});

test('books from an empty slot with an autocompleted patient', async ({ page }) => {
  const { clinic, service } = await soho(page.request);
  const botox = service(/^Botox/);
  const patient = await createPatient(page.request, 'Autocomplete');
  const slot = (await openSlots(page.request, clinic, [botox.id]))[0];
  if (!slot) throw new Error('no open Botox slot at SoHo in the next days');
  const providerId = slot.providerIds[0] ?? '';
  const { localDate, minutes } = wallClock(slot.start, clinic.timezone);

  await openBook(page, clinic, localDate);
  await clickSlot(page, providerId, minutes);
  const form = page.getByRole('dialog', { name: 'New appointment' });
  await expect(form.getByRole('combobox', { name: 'Time' })).toHaveValue(formatMinutes(minutes));
  await form.getByRole('combobox', { name: 'Service' }).click();
  await page.getByRole('option', { name: botox.name, exact: false }).first().click();
  await form.getByRole('textbox', { name: 'Find a patient' }).fill(patient.lastName);
  await page.getByRole('option', { name: `${patient.firstName} ${patient.lastName}` }).click();
  await expect(form.getByText(`${patient.firstName} ${patient.lastName}`)).toBeVisible();
  await expect(form.getByRole('combobox', { name: 'Provider' })).not.toHaveValue('');
  await form.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'Appointment booked' })).toBeVisible();
  await expect(form).toBeHidden();
  await expect(
    page.getByRole('button', { name: new RegExp(`^${formatMinutes(minutes)}.*${patient.firstName} ${patient.lastName}`) }),
  ).toBeVisible();
});

test('books a new patient with two services', async ({ page }) => {
  const { clinic, service, providers } = await soho(page.request);
  const botox = service(/^Botox/);
  const filler = service(/Filler — Lips/);
  const slot = (await openSlots(page.request, clinic, [botox.id, filler.id])).at(-1);
  if (!slot) throw new Error('no open Botox + lip filler slot at SoHo in the next days');
  const provider = providers.find((candidate) => candidate.id === slot.providerIds[0]);
  if (!provider) throw new Error('the slot names an unknown provider');
  const { localDate, minutes } = wallClock(slot.start, clinic.timezone);
  const lastName = `Newpatient${Date.now().toString(36)}`;

  await openBook(page, clinic, localDate);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'New appointment' });
  await form.getByRole('combobox', { name: 'Service' }).click();
  await page.getByRole('option', { name: botox.name, exact: false }).first().click();
  await form.getByRole('button', { name: 'Add another service' }).click();
  await form.getByRole('combobox', { name: 'Service 2' }).click();
  await page.getByRole('option', { name: filler.name, exact: false }).first().click();
  await chooseTime(page, form, formatMinutes(minutes));
  await form.getByRole('combobox', { name: 'Provider' }).click();
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(provider.displayName)}`) }).click();
  await form.getByRole('textbox', { name: 'First name' }).fill('Marisol');
  await form.getByRole('textbox', { name: 'Last name' }).fill(lastName);
  await form.getByRole('textbox', { name: 'Email' }).fill(`${lastName.toLowerCase()}@example.com`);
  await form.getByRole('textbox', { name: 'Phone' }).fill('(917) 555-0199');
  await form.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'Appointment booked' })).toBeVisible();
  await page
    .getByRole('dialog', { name: 'Send the booking confirmation?' })
    .getByRole('button', { name: "Don't Send Notification" })
    .click();
  const card = page.getByRole('button', { name: new RegExp(escapeRegExp(`Marisol ${lastName}, ${botox.name} + ${filler.name}`)) });
  await expect(card).toBeVisible();
  await card.click();
  const drawer = page.getByRole('dialog', { name: new RegExp(`^Marisol ${lastName}`) });
  await expect(drawer.getByText(filler.name)).toBeVisible();
  await expect(drawer.getByRole('link', { name: `Marisol ${lastName}` })).toBeVisible();
});

test('a taken slot is refused with the conflicting time', async ({ page }) => {
  const { clinic, service, providers } = await soho(page.request);
  const botox = service(/^Botox/);
  const patient = await createPatient(page.request, 'Taken');
  const other = await createPatient(page.request, 'Second');
  // The provider's time is taken by a virtual consultation, which needs no treatment room:
  // the refusal below must be the provider's, whatever rooms the demo's bookings hold then.
  const consult = service(/^Virtual Consultation/);
  const slot = (await openSlots(page.request, clinic, [botox.id])).find(
    (open, index) =>
      index >= 1 && providers.some((provider) => provider.id === open.providerIds[0] && provider.serviceIds.includes(consult.id)),
  );
  if (!slot) throw new Error('no open Botox slot at SoHo in the next days with a provider who also consults virtually');
  const providerId = slot.providerIds[0] ?? '';
  await bookThroughApi(page.request, {
    clinicId: clinic.id,
    providerId,
    serviceIds: [consult.id],
    mode: 'virtual',
    start: slot.start,
    patientId: patient.id,
  });
  const { localDate, minutes } = wallClock(slot.start, clinic.timezone);

  await openBook(page, clinic, localDate);
  // Beside the booking just made, in the same provider's column.
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'New appointment' });
  await form.getByRole('combobox', { name: 'Service' }).click();
  await page.getByRole('option', { name: botox.name, exact: false }).first().click();
  await chooseTime(page, form, formatMinutes(minutes));
  await expect(form.getByRole('combobox', { name: 'Provider' })).toBeEnabled();
  await form.getByRole('checkbox', { name: 'Allow Double Booking' }).check();
  const providerName = (await getJson<{ displayName: string }>(page.request, `/api/v1/providers/${providerId}`)).displayName;
  await form.getByRole('combobox', { name: 'Provider' }).click();
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(providerName)}`) }).click();
  // Untick again: the provider is booked then, so the server must refuse it.
  await form.getByRole('checkbox', { name: 'Allow Double Booking' }).uncheck();
  await expect(form.getByText(`${providerName} is not free for this visit`)).toBeVisible();
  await form.getByRole('textbox', { name: 'Find a patient' }).fill(other.lastName);
  await page.getByRole('option', { name: `${other.firstName} ${other.lastName}` }).click();
  await form.getByRole('button', { name: 'Save' }).click();

  const conflict = form.getByRole('alert').filter({ hasText: 'That time is taken' });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText(new RegExp(`already has a booking from .*${formatMinutes(minutes)}`));
  await expect(form).toBeVisible();
});

test('drags an appointment to a later time', async ({ page }) => {
  const { clinic, service } = await soho(page.request);
  const botox = service(/^Botox/);
  const patient = await createPatient(page.request, 'Dragged');
  const slots = await openSlots(page.request, clinic, [botox.id]);
  // A start whose provider is also free an hour later (after booking the first).
  const pick = slots
    .flatMap((slot) => slot.providerIds.map((providerId) => ({ slot, providerId })))
    .reverse()
    .find(({ slot, providerId }) =>
      slots.some((later) => Date.parse(later.start) === Date.parse(slot.start) + 60 * 60_000 && later.providerIds.includes(providerId)),
    );
  if (!pick) throw new Error('no Botox start with a free hour after it at SoHo');
  const booked = await bookThroughApi(page.request, {
    clinicId: clinic.id,
    providerId: pick.providerId,
    serviceIds: [botox.id],
    start: pick.slot.start,
    patientId: patient.id,
  });
  const { localDate, minutes } = wallClock(pick.slot.start, clinic.timezone);

  await openBook(page, clinic, localDate);
  await revealTime(page, pick.providerId, minutes);
  const card = page.locator(`[data-appointment-id="${booked.id}"]`);
  await expect(card).toBeVisible();
  const box = await card.boundingBox();
  if (!box) throw new Error('the card has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + 8);
  await page.mouse.down();
  for (let step = 1; step <= 8; step++) await page.mouse.move(box.x + box.width / 2, box.y + 8 + (60 * PX_PER_MINUTE * step) / 8);
  await page.mouse.up();

  await expect(page.getByRole('alert').filter({ hasText: 'Appointment moved' })).toBeVisible();
  // The drop is not a click on an empty time: no booking form opens behind the prompt.
  await expect(page.getByRole('dialog', { name: 'New appointment' })).toHaveCount(0);
  await page
    .getByRole('dialog', { name: 'Tell the patient about the new time?' })
    .getByRole('button', { name: "Don't Send Notification" })
    .click();
  await expect
    .poll(async () => Date.parse((await getJson<{ start: string }>(page.request, `/api/v1/appointments/${booked.id}`)).start))
    .toBe(Date.parse(pick.slot.start) + 60 * 60_000);
  await expect(page.getByRole('button', { name: new RegExp(`^${formatMinutes(minutes + 60)}.*${patient.lastName}`) })).toBeVisible();
});

test('checks a patient in from the appointment drawer', async ({ page }) => {
  const { clinic, service } = await soho(page.request);
  const botox = service(/^Botox/);
  const patient = await createPatient(page.request, 'Checkin');
  const slot = (await openSlots(page.request, clinic, [botox.id]))[0];
  if (!slot) throw new Error('no open Botox slot at SoHo in the next days');
  const providerId = slot.providerIds[0] ?? '';
  // Check-in opens on the appointment's own day at the clinic, so the visit is today (at 09:30,
  // over whatever the demo has booked then, as the front desk may do). A date override opens the
  // provider's day whatever weekday the suite runs on; another test may already have opened it (409).
  const { localDate, start } = todayAt(clinic, 9 * 60 + 30);
  const override = await page.request.post(`/api/v1/providers/${providerId}/schedule-overrides`, {
    data: { clinicId: clinic.id, localDate, intervals: [{ start: '06:00', end: '23:00' }], note: 'e2e: check-in' },
  });
  expect(override.ok() || override.status() === 409, `schedule override → ${override.status()}`).toBeTruthy();
  const booked = await postJson<{ id: string }>(page.request, '/api/v1/appointments', {
    kind: 'appointment',
    mode: 'in_person',
    clinicId: clinic.id,
    providerId,
    serviceIds: [botox.id],
    start,
    patientId: patient.id,
    allowDoubleBooking: true,
    requireCardOnFile: false,
  });

  await openBook(page, clinic, localDate);
  await revealTime(page, providerId, 9 * 60 + 30);
  await page.locator(`[data-appointment-id="${booked.id}"]`).click();
  const drawer = page.getByRole('dialog', { name: new RegExp(`${patient.firstName} ${patient.lastName}`) });
  await expect(drawer.getByText('Booked', { exact: true })).toBeVisible();
  await drawer.getByRole('button', { name: 'Check in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Patient checked in' })).toBeVisible();
  await expect(drawer.getByText('Checked in', { exact: true })).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Start procedure' })).toBeVisible();
  await drawer.getByRole('tab', { name: 'History' }).click();
  await expect(drawer.getByText('Checked in').last()).toBeVisible();
  await expect(drawer.getByText(DEMO_OWNER.name).first()).toBeVisible();
});

test('marks a no-show, finds it under No Shows by provider, restores it to the book', async ({ page }) => {
  const { clinic, service, providers } = await soho(page.request);
  const consult = service(/^Virtual Consultation/);
  const provider = providers.find((candidate) => candidate.serviceIds.includes(consult.id));
  if (!provider) throw new Error('no SoHo provider offers virtual consultations');
  const patient = await createPatient(page.request, 'Noshow');
  // Earlier today in the clinic's zone (walk-ins may be booked there): the provider works
  // all day today by a date override, so the test does not depend on the weekday.
  const today = wallClock(new Date(), clinic.timezone).localDate;
  await page.request.post(`/api/v1/providers/${provider.id}/schedule-overrides`, {
    data: { clinicId: clinic.id, localDate: today, intervals: [{ start: '06:00', end: '23:00' }], note: 'e2e: no-show flow' },
  });
  const startMinutes = 6 * 60 + 15;
  const offsetProbe = new Date(`${today}T12:00:00Z`);
  const noonLocal = wallClock(offsetProbe, clinic.timezone).minutes;
  const start = new Date(Date.parse(`${today}T00:00:00Z`) + (startMinutes - (noonLocal - 12 * 60)) * 60_000).toISOString();
  const booked = await bookThroughApi(page.request, {
    clinicId: clinic.id,
    providerId: provider.id,
    serviceIds: [consult.id],
    mode: 'virtual',
    start,
    patientId: patient.id,
    allowDoubleBooking: true,
  });

  await openBook(page, clinic, today);
  await revealTime(page, provider.id, startMinutes);
  await page.locator(`[data-appointment-id="${booked.id}"]`).click();
  const drawer = page.getByRole('dialog', { name: new RegExp(`${patient.firstName} ${patient.lastName}`) });
  await drawer.getByRole('button', { name: 'Mark As No-Show' }).click();
  await page.getByRole('dialog', { name: 'Mark as no-show?' }).getByRole('button', { name: 'Mark As No-Show' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Marked as no-show' })).toBeVisible();
  await page
    .getByRole('dialog', { name: 'Write to the patient about the missed visit?' })
    .getByRole('button', { name: "Don't Send Notification" })
    .click();
  await page.keyboard.press('Escape');
  await expect(page.locator(`[data-appointment-id="${booked.id}"]`)).toHaveCount(0);

  await page.getByRole('button', { name: 'Appointment book tools' }).click();
  await page.getByRole('menuitem', { name: 'No Shows' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'No Shows' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Provider' }).click();
  await page.getByRole('option', { name: provider.displayName }).click();
  const row = page.getByRole('row').filter({ hasText: `${patient.firstName} ${patient.lastName}` });
  await expect(row).toBeVisible();
  await expect(
    page
      .getByRole('row')
      .filter({ hasNotText: provider.displayName })
      .filter({ has: page.getByRole('button', { name: /^Restore/ }) }),
  ).toHaveCount(0);
  await row.getByRole('button', { name: /^Restore/ }).click();
  await page.getByRole('dialog', { name: 'Restore this appointment?' }).getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Appointment restored' })).toBeVisible();
  await expect(row).toHaveCount(0);

  await page.getByRole('link', { name: 'Appointment book' }).click();
  await page.goto(`/appointments?clinic=${clinic.id}&date=${today}`);
  await revealTime(page, provider.id, startMinutes);
  await expect(page.locator(`[data-appointment-id="${booked.id}"]`)).toBeVisible();
  await expect(page.locator(`[data-appointment-id="${booked.id}"]`)).toHaveAttribute('aria-label', /Booked/);
});

test('adds an out-of-office block and sees it in the day and the week', async ({ page }) => {
  const { clinic, service } = await soho(page.request);
  const botox = service(/^Botox/);
  // A provider's free hour some days ahead (the last open start found, away from other tests' picks).
  const slots = await openSlots(page.request, clinic, [botox.id]);
  const slot = slots.at(-1);
  if (!slot) throw new Error('no open time at SoHo in the next days');
  const providerId = slot.providerIds[0] ?? '';
  const providerName = (await getJson<{ displayName: string }>(page.request, `/api/v1/providers/${providerId}`)).displayName;
  const { localDate, minutes } = wallClock(slot.start, clinic.timezone);
  const title = `Training ${Date.now().toString(36)}`;

  await openBook(page, clinic, localDate);
  await clickSlot(page, providerId, minutes);
  const form = page.getByRole('dialog', { name: 'New appointment' });
  await form
    .locator('label')
    .filter({ hasText: /^Out of office$/ })
    .click();
  await form.getByRole('textbox', { name: 'Title' }).fill(title);
  await expect(form.getByRole('combobox', { name: 'From' })).toHaveValue(formatMinutes(minutes));
  await form.getByRole('combobox', { name: 'To' }).click();
  await page.getByRole('option', { name: formatMinutes(minutes + 30), exact: true }).click();
  // Choosing the value already chosen keeps it (it used to clear the field).
  await form.getByRole('combobox', { name: 'To' }).click();
  await page.getByRole('option', { name: formatMinutes(minutes + 30), exact: true }).click();
  await expect(form.getByRole('combobox', { name: 'To' })).toHaveValue(formatMinutes(minutes + 30));
  await expect(form.getByRole('combobox', { name: 'Provider' })).toHaveValue(new RegExp(`^${escapeRegExp(providerName)}`));
  await form.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'Out of office added' })).toBeVisible();
  await expect(form).toBeHidden();
  await expect(page.getByText('Could not load the appointments')).toHaveCount(0);
  const block = page.getByRole('button', { name: new RegExp(`^${formatMinutes(minutes)}.*${escapeRegExp(title)}, Out of office`) });
  await revealTime(page, providerId, minutes);
  await expect(block).toBeVisible();

  await page.goto(`/appointments?clinic=${clinic.id}&date=${localDate}&view=week&provider=${providerId}`);
  await expect(page.getByText(`Times in ${clinic.timezone}`)).toBeVisible();
  await revealTime(page, localDate, minutes);
  await expect(block).toBeVisible();
  await expect(page.getByText('Could not load the appointments')).toHaveCount(0);
});

test('the demo’s package visit, double booking and forms to complete show in the day and the week', async ({ page }) => {
  interface Listed {
    id: string;
    kind: string;
    status: string;
    clinicId: string;
    providerId: string;
    start: string;
    packageId: string | null;
    allowDoubleBooking: boolean;
    formsOutstanding?: number;
  }
  const clinics = (await getJson<{ items: Clinic[] }>(page.request, '/api/v1/clinics')).items;
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 9 * 86_400_000).toISOString();
  const items = (await getJson<{ items: Listed[] }>(page.request, `/api/v1/appointments?from=${from}&to=${to}`)).items;
  const live = items.filter((item) => item.kind === 'appointment' && ['booked', 'confirmed'].includes(item.status));
  const shown = [
    { what: 'a package visit', item: live.find((item) => item.packageId !== null), label: /Booked|Confirmed/ },
    {
      what: 'a double booking',
      item: live.find(
        (item) =>
          item.allowDoubleBooking &&
          live.some((other) => other.id !== item.id && other.providerId === item.providerId && other.start === item.start),
      ),
      label: /double-booked/,
    },
    { what: 'forms to complete', item: live.find((item) => (item.formsOutstanding ?? 0) > 0), label: /paperwork outstanding/ },
  ];
  for (const { what, item, label } of shown) {
    if (!item) throw new Error(`the demo has no upcoming appointment with ${what}`);
    const clinic = clinics.find((candidate) => candidate.id === item.clinicId);
    if (!clinic) throw new Error('booked at an unknown clinic');
    const { localDate, minutes } = wallClock(item.start, clinic.timezone);
    const card = page.locator(`[data-appointment-id="${item.id}"]`);

    await openBook(page, clinic, localDate);
    await revealTime(page, item.providerId, minutes);
    await expect(card, `${what} in the day`).toBeVisible();
    await expect(card).toHaveAttribute('aria-label', label);

    await page.goto(`/appointments?clinic=${clinic.id}&date=${localDate}&view=week&provider=${item.providerId}`);
    await expect(page.getByText(`Times in ${clinic.timezone}`)).toBeVisible();
    await revealTime(page, localDate, minutes);
    await expect(card, `${what} in the week`).toBeVisible();
    await expect(page.getByText('Could not load the appointments')).toHaveCount(0);
  }
});

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { chooseTime } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';
import { atEachScreenSize, screenshotDir } from './screen-sizes.ts';

// The after-booking pop-up and Settings → Messages through the real UI. The server runs
// without SMTP or Twilio, so messages are kept in the outbox ("Held"), readable as patients
// would receive them. Bookings are made three days ahead or later: inside 48 hours the
// reminder job would add reminder messages to the same appointment.

interface Clinic {
  id: string;
  name: string;
  timezone: string;
}
interface Service {
  id: string;
  name: string;
}
interface Slot {
  start: string;
  providerIds: string[];
}
interface Patient {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}
interface MessageSummary {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  status: string;
  templateKey: string | null;
}

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  expect(response.ok(), `${path} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

function wallClock(instant: string, timeZone: string): { localDate: string; minutes: number } {
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

function formatMinutes(minutes: number): string {
  const hours24 = Math.floor(minutes / 60);
  return `${hours24 % 12 === 0 ? 12 : hours24 % 12}:${String(minutes % 60).padStart(2, '0')} ${hours24 < 12 ? 'AM' : 'PM'}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function sohoBotox(request: APIRequestContext): Promise<{ clinic: Clinic; botox: Service }> {
  const clinics = (await getJson<{ items: Clinic[] }>(request, '/api/v1/clinics')).items;
  const clinic = clinics.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const services = (await getJson<{ items: Service[] }>(request, `/api/v1/services?clinicId=${clinic.id}&active=true`)).items;
  const botox = services.find((service) => service.name.startsWith('Botox'));
  if (!botox) throw new Error('the demo SoHo clinic offers no Botox');
  return { clinic, botox };
}

/** Open Botox starts from three days ahead, well outside the 48-hour reminder. */
async function openSlots(request: APIRequestContext, clinic: Clinic, serviceId: string): Promise<Slot[]> {
  const from = new Date(Date.now() + 3 * 24 * 3_600_000);
  const to = new Date(from.getTime() + 10 * 24 * 3_600_000);
  const query = new URLSearchParams({ clinicId: clinic.id, serviceIds: serviceId, from: from.toISOString(), to: to.toISOString() });
  return (await getJson<{ slots: Slot[] }>(request, `/api/v1/availability?${query.toString()}`)).slots;
}

async function createPatient(request: APIRequestContext, firstName: string): Promise<Patient> {
  const lastName = `Notify${Date.now().toString(36)}`;
  const response = await request.post('/api/v1/patients', {
    data: { firstName, lastName, email: `${lastName.toLowerCase()}@example.com`, phone: '+16465550142' },
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  return (await response.json()) as Patient;
}

/** Books through the New appointment form; the notification pop-up opens when it is saved. */
async function bookInTheForm(page: Page, patient: Patient, slotIndex: number): Promise<void> {
  const { clinic, botox } = await sohoBotox(page.request);
  const slot = (await openSlots(page.request, clinic, botox.id)).at(slotIndex);
  if (!slot) throw new Error('no open Botox slot at SoHo in the coming days');
  const providerId = slot.providerIds[0] ?? '';
  const providerName = (await getJson<{ displayName: string }>(page.request, `/api/v1/providers/${providerId}`)).displayName;
  const { localDate, minutes } = wallClock(slot.start, clinic.timezone);

  await page.goto(`/appointments?clinic=${clinic.id}&date=${localDate}`);
  await expect(page.getByText(`Times in ${clinic.timezone}`)).toBeVisible();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'New appointment' });
  await form.getByRole('combobox', { name: 'Service' }).click();
  await page.getByRole('option', { name: botox.name, exact: false }).first().click();
  await chooseTime(page, form, formatMinutes(minutes));
  await form.getByRole('combobox', { name: 'Provider' }).click();
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(providerName)}`) }).click();
  await form.getByRole('textbox', { name: 'Find a patient' }).fill(patient.lastName);
  await page.getByRole('option', { name: `${patient.firstName} ${patient.lastName}` }).click();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Appointment booked' })).toBeVisible();
  await expect(form).toBeHidden();
}

async function bookedAppointmentId(request: APIRequestContext, patient: Patient): Promise<string> {
  const from = new Date().toISOString();
  const to = new Date(Date.now() + 30 * 24 * 3_600_000).toISOString();
  const query = new URLSearchParams({ patientId: patient.id, from, to });
  const appointments = await getJson<{ items: { id: string }[] }>(request, `/api/v1/appointments?${query.toString()}`);
  const booked = appointments.items[0];
  if (!booked) throw new Error('the booking is not on the patient');
  return booked.id;
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
});

test('sends an edited confirmation by email and SMS, with a calendar invite in Settings → Messages', async ({ page }) => {
  const patient = await createPatient(page.request, 'Celestine');
  await bookInTheForm(page, patient, 0);

  const popup = page.getByRole('dialog', { name: 'Send the booking confirmation?' });
  await expect(popup.getByRole('checkbox', { name: 'Email' })).toBeEnabled();
  await popup.getByRole('checkbox', { name: 'Email' }).check();
  await popup.getByRole('checkbox', { name: 'SMS' }).check();
  const message = popup.getByRole('textbox', { name: 'Message' });
  await expect(message).toHaveValue(/Hi Celestine, your Botox/);
  const edited = `Hi Celestine, see you soon at SoHo. Please bring your ID. (${patient.lastName})`;
  await message.fill(edited);
  await expect(popup.getByTestId('sms-length')).toContainText(`${edited.length} / 1,600 characters · 1 SMS segment`);
  await popup.getByRole('button', { name: 'Send Notification', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Notification sent' })).toBeVisible();
  await expect(popup).toBeHidden();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page
    .getByRole('navigation', { name: 'Settings' })
    .getByRole('link', { name: /Messages/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  const emailRow = page.getByRole('row').filter({ hasText: patient.email });
  const smsRow = page.getByRole('row').filter({ hasText: '(646) 555-0142' }).filter({ hasText: 'Booking confirmation text message' });
  await expect(emailRow).toHaveCount(1);
  await expect(emailRow).toContainText('is confirmed');
  await expect(emailRow).toContainText('Held');
  await expect(smsRow.first()).toBeVisible();

  await emailRow.getByRole('button', { name: /^Open / }).click();
  const drawer = page.getByRole('dialog', { name: /is confirmed/ });
  await expect(drawer.getByLabel('Message text')).toHaveText(edited);
  await expect(drawer).toContainText(patient.email);
  const download = drawer.getByRole('link', { name: /^Download .*\.ics$/ });
  await expect(download).toBeVisible();
  const href = await download.getAttribute('href');
  if (!href) throw new Error('the attachment link has no address');
  const invite = await page.request.get(href);
  expect(invite.ok()).toBeTruthy();
  expect(invite.headers()['content-type']).toContain('text/calendar');
  const calendar = await invite.text();
  expect(calendar).toContain('BEGIN:VCALENDAR');
  expect(calendar).toContain('METHOD:REQUEST');
  expect(calendar).toMatch(/^UID:.+@glowdesk/m);

  // The same message is reachable from the appointment's own list.
  const appointmentId = await bookedAppointmentId(page.request, patient);
  const messages = await getJson<{ items: MessageSummary[] }>(page.request, `/api/v1/messages?appointmentId=${appointmentId}`);
  expect(messages.items.map((item) => item.channel).sort()).toEqual(['email', 'sms']);
});

test("Don't Send Notification sends nothing and is recorded on the appointment", async ({ page }) => {
  const patient = await createPatient(page.request, 'Leopoldine');
  await bookInTheForm(page, patient, -1);

  const popup = page.getByRole('dialog', { name: 'Send the booking confirmation?' });
  await expect(popup.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await popup.getByRole('button', { name: "Don't Send Notification" }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'No notification sent' })).toBeVisible();
  await expect(popup).toBeHidden();

  const appointmentId = await bookedAppointmentId(page.request, patient);
  const messages = await getJson<{ items: MessageSummary[] }>(page.request, `/api/v1/messages?appointmentId=${appointmentId}`);
  expect(messages.items).toEqual([]);
  const history = await getJson<{ items: { type: string }[] }>(page.request, `/api/v1/appointments/${appointmentId}/history`);
  expect(history.items.map((event) => event.type)).toContain('notification_skipped');

  await page.goto(`/settings/messages?appointment=${appointmentId}`);
  await expect(page.getByRole('heading', { name: 'No messages match these filters' })).toBeVisible();
});

test('Settings → Reminders saves the reminder times, and a change someone made meanwhile is not overwritten', async ({ page }) => {
  interface NotificationSettings {
    remindersEnabled: boolean;
    reminderOffsetsMinutes: number[];
    version: number;
  }
  const before = await getJson<NotificationSettings>(page.request, '/api/v1/notification-settings');
  // The demo practice is shared by every spec: its reminder times are put back however this test ends.
  try {
    const start = await page.request.put('/api/v1/notification-settings', {
      data: { remindersEnabled: true, reminderOffsetsMinutes: [48 * 60, 2 * 60] },
    });
    expect(start.ok(), `PUT /api/v1/notification-settings → ${start.status()}`).toBeTruthy();
    await page.goto('/settings/reminders');
    await expect(page.getByRole('heading', { name: 'Reminders' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Reminder settings' });
    await expect(form.getByText('Default times')).toBeVisible();
    await form.getByRole('button', { name: 'Add a reminder' }).click();
    const third = form.getByRole('textbox', { name: 'Reminder 3: how long before' });
    await third.fill('20');
    await form.getByRole('combobox', { name: 'Reminder 3: unit' }).click();
    await page.getByRole('option', { name: 'days' }).click();
    await form.getByRole('button', { name: 'Save reminders' }).click();
    // Longer than 14 days ahead: refused in the form, on that reminder.
    await expect(third).toHaveAttribute('aria-invalid', 'true');
    await third.fill('7');
    await form.getByRole('button', { name: 'Save reminders' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Reminders saved' })).toBeVisible();
    const saved = await getJson<NotificationSettings>(page.request, '/api/v1/notification-settings');
    expect([...saved.reminderOffsetsMinutes].sort((a, b) => b - a)).toEqual([7 * 24 * 60, 48 * 60, 2 * 60]);

    // Someone else saves while this form is open: the next save here is refused, not overwriting theirs.
    const meanwhile = await page.request.put('/api/v1/notification-settings', {
      data: { remindersEnabled: true, reminderOffsetsMinutes: [24 * 60] },
      headers: { 'if-match': `"${saved.version}"` },
    });
    expect(meanwhile.ok(), `PUT /api/v1/notification-settings → ${meanwhile.status()}`).toBeTruthy();
    await form.getByRole('button', { name: 'Remove reminder 3' }).click();
    await form.getByRole('button', { name: 'Save reminders' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed the reminders while you were editing' });
    await expect(conflict).toBeVisible();
    // The form now shows their one reminder, and the message stays until the next edit.
    await expect(form.getByRole('textbox', { name: 'Reminder 2: how long before' })).toHaveCount(0);
    await expect(form.getByRole('textbox', { name: 'Reminder 1: how long before' })).toHaveValue('24');
    await expect(conflict).toBeVisible();
    expect(await axeViolations(page, 'Settings → Reminders')).toEqual([]);

    const shots = screenshotDir();
    await atEachScreenSize(page, async ({ width, height }) => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `the page is wider than ${width}`).toBeLessThanOrEqual(width);
      // Each reminder's unit keeps room for its word (a phone once squeezed it to nothing).
      expect((await form.getByRole('combobox', { name: 'Reminder 1: unit' }).boundingBox())?.width).toBeGreaterThanOrEqual(100);
      if (shots) await page.screenshot({ path: `${shots}/settings-reminders-${width}x${height}.png`, fullPage: true });
    });
  } finally {
    const current = await getJson<NotificationSettings>(page.request, '/api/v1/notification-settings');
    const restored = await page.request.put('/api/v1/notification-settings', {
      data: { remindersEnabled: before.remindersEnabled, reminderOffsetsMinutes: before.reminderOffsetsMinutes },
      headers: { 'if-match': `"${current.version}"` },
    });
    expect(restored.ok(), `restoring the reminder settings → ${restored.status()}`).toBeTruthy();
  }
});

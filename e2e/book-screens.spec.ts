import { expect, test, type Page } from '@playwright/test';
import { createPatient, expectNoHorizontalScroll, getJson, postJson, revealTime, soho, wallClock, type Provider } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// The book on a laptop, a tablet and a phone: booking from the open times, the no-show flow,
// and no staff page wider than the window.

const screens = [
  { name: 'a laptop', width: 1366, height: 860, phone: false },
  { name: 'a tablet', width: 1024, height: 768, phone: false },
  { name: 'a phone', width: 390, height: 844, phone: true },
];

interface Listed {
  id: string;
  start: string;
  providerId: string;
}

function formatMinutes(minutes: number): string {
  const hours24 = Math.floor(minutes / 60);
  return `${hours24 % 12 === 0 ? 12 : hours24 % 12}:${String(minutes % 60).padStart(2, '0')} ${hours24 < 12 ? 'AM' : 'PM'}`;
}

/** On a phone the book shows one provider: pick the one asked for. */
async function showProviderColumn(page: Page, provider: Provider, phone: boolean): Promise<void> {
  if (!phone) return;
  await page.getByRole('combobox', { name: 'Provider' }).click();
  await page.getByRole('option', { name: provider.displayName, exact: true }).click();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
});

for (const screen of screens) {
  test.describe(`on ${screen.name} (${screen.width}×${screen.height})`, () => {
    test.use({ viewport: { width: screen.width, height: screen.height } });

    test('books from "next available"', async ({ page }) => {
      const { clinic, service, providers } = await soho(page.request);
      const botox = service(/^Botox/);
      const patient = await createPatient(page.request, 'Nextavailable');

      await page.goto(`/appointments?clinic=${clinic.id}`);
      await expect(page.getByText(`Times in ${clinic.timezone}`)).toBeVisible();
      await expectNoHorizontalScroll(page, 'the book');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      const form = page.getByRole('dialog', { name: 'New appointment' });
      await expect(form.getByRole('button', { name: 'Close' })).toBeInViewport();
      await form.getByRole('combobox', { name: 'Service' }).click();
      await page.getByRole('option', { name: botox.name, exact: false }).first().click();
      await form.getByRole('button', { name: /^Next available:/ }).click();
      await expect(form.getByRole('combobox', { name: 'Time' })).not.toHaveValue('');
      await expect(form.getByRole('combobox', { name: 'Provider' })).not.toHaveValue('');
      const pickedTime = await form.getByRole('combobox', { name: 'Time' }).inputValue();
      await form.getByRole('textbox', { name: 'Find a patient' }).fill(patient.lastName);
      await page.getByRole('option', { name: `${patient.firstName} ${patient.lastName}` }).click();
      await form.getByRole('button', { name: 'Save' }).click();

      await expect(page.getByRole('alert').filter({ hasText: 'Appointment booked' })).toBeVisible();
      await page
        .getByRole('dialog', { name: 'Send the booking confirmation?' })
        .getByRole('button', { name: "Don't Send Notification" })
        .click();
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const to = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const booked = (
        await getJson<{ items: Listed[] }>(page.request, `/api/v1/appointments?patientId=${patient.id}&from=${from}&to=${to}`)
      ).items;
      expect(booked).toHaveLength(1);
      const [appointment] = booked;
      if (!appointment) throw new Error('the booking is missing');
      const { minutes } = wallClock(appointment.start, clinic.timezone);
      expect(formatMinutes(minutes)).toBe(pickedTime);
      const provider = providers.find((candidate) => candidate.id === appointment.providerId);
      if (!provider) throw new Error('booked with an unknown provider');
      await showProviderColumn(page, provider, screen.phone);
      await revealTime(page, provider.id, minutes);
      await expect(page.locator(`[data-appointment-id="${appointment.id}"]`)).toBeVisible();
    });

    // appointments.spec.ts walks the no-show flow on a laptop.
    if (screen.width >= 1300) return;
    test('marks a no-show and restores it', async ({ page }) => {
      const { clinic, service, providers } = await soho(page.request);
      const consult = service(/^Virtual Consultation/);
      const provider = providers.find((candidate) => candidate.serviceIds.includes(consult.id));
      if (!provider) throw new Error('no SoHo provider offers virtual consultations');
      const patient = await createPatient(page.request, 'Noshowscreen');
      // Earlier today in the clinic's zone, on a day the provider works by a date override.
      const today = wallClock(new Date(), clinic.timezone).localDate;
      await page.request.post(`/api/v1/providers/${provider.id}/schedule-overrides`, {
        data: {
          clinicId: clinic.id,
          localDate: today,
          intervals: [{ start: '06:00', end: '23:00' }],
          note: 'e2e: no-show on every screen',
        },
      });
      const startMinutes = 6 * 60 + (screen.phone ? 45 : 30);
      const noonLocal = wallClock(new Date(`${today}T12:00:00Z`), clinic.timezone).minutes;
      const start = new Date(Date.parse(`${today}T00:00:00Z`) + (startMinutes - (noonLocal - 12 * 60)) * 60_000).toISOString();
      const booked = await postJson<{ id: string }>(page.request, '/api/v1/appointments', {
        kind: 'appointment',
        mode: 'virtual',
        clinicId: clinic.id,
        providerId: provider.id,
        serviceIds: [consult.id],
        start,
        patientId: patient.id,
        allowDoubleBooking: true,
        requireCardOnFile: false,
      });

      await page.goto(`/appointments?clinic=${clinic.id}&provider=${provider.id}`);
      await expect(page.getByText(`Times in ${clinic.timezone}`)).toBeVisible();
      await revealTime(page, provider.id, startMinutes);
      await page.locator(`[data-appointment-id="${booked.id}"]`).click();
      const drawer = page.getByRole('dialog', { name: new RegExp(`${patient.firstName} ${patient.lastName}`) });
      await expect(drawer.getByRole('button', { name: 'Close' })).toBeInViewport();
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
      await expectNoHorizontalScroll(page, 'No Shows');
      const row = page.getByRole('row').filter({ hasText: `${patient.firstName} ${patient.lastName}` });
      await row.getByRole('button', { name: /^Restore/ }).click();
      await page.getByRole('dialog', { name: 'Restore this appointment?' }).getByRole('button', { name: 'Confirm' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Appointment restored' })).toBeVisible();
      await expect(row).toHaveCount(0);

      await page.goto(`/appointments?clinic=${clinic.id}&provider=${provider.id}`);
      await revealTime(page, provider.id, startMinutes);
      await expect(page.locator(`[data-appointment-id="${booked.id}"]`)).toHaveAttribute('aria-label', /Booked/);
    });
  });
}

test('no staff page scrolls sideways on a phone or a tablet', async ({ page }) => {
  // Forty page loads.
  test.setTimeout(300_000);
  const patient = (await getJson<{ items: { id: string }[] }>(page.request, '/api/v1/patients?limit=1')).items[0];
  const invoice = (await getJson<{ items: { id: string }[] }>(page.request, '/api/v1/invoices?limit=1')).items[0];
  const settings = ['staff', 'clinics', 'rooms-and-equipment', 'services', 'packages', 'forms', 'providers', 'schedules', 'messages'];
  const pages = [
    '/appointments',
    '/appointments?view=week',
    '/appointments/no-shows',
    '/clients',
    ...(patient ? [`/clients/${patient.id}`] : []),
    '/sales',
    ...(invoice ? [`/sales/invoices/${invoice.id}`] : []),
    '/settings',
    ...settings.map((section) => `/settings/${section}`),
    '/settings/message-templates',
    '/settings/reminders',
    '/settings/audit-log',
  ];
  for (const size of [
    { width: 390, height: 844 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      // Tables and lists arrive after the heading.
      await expect(page.getByRole('status', { name: /Loading/ })).toHaveCount(0);
      await expectNoHorizontalScroll(page, `${path} at ${size.width}×${size.height}`);
    }
  }
});

test('the book’s toolbar shows every control’s whole value, on one line, at 1440×900 and on a phone', async ({ page }) => {
  const { clinic } = await soho(page.request);
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 768 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await page.goto(`/appointments?clinic=${clinic.id}`);
    await expect(page.getByText(`Times in ${clinic.timezone}`)).toBeVisible();
    const toolbar = page.getByRole('region', { name: 'Appointment book toolbar' });
    for (const name of ['Clinic', ...(size.width < 576 ? ['Provider'] : [])]) {
      const field = toolbar.getByRole('combobox', { name, exact: true });
      await expect(field).not.toHaveValue('');
      const { clientWidth, scrollWidth } = await field.evaluate((input) => ({
        clientWidth: input.clientWidth,
        scrollWidth: input.scrollWidth,
      }));
      expect(scrollWidth, `${name} at ${size.width}×${size.height}`).toBeLessThanOrEqual(clientWidth);
    }
    if (size.width >= 1440) {
      // One row: every control sits beside the title, in the day and in the week.
      for (const view of ['day', 'week'] as const) {
        await page.goto(`/appointments?clinic=${clinic.id}${view === 'week' ? '&view=week' : ''}`);
        await expect(toolbar.getByRole('button', { name: 'Appointment book tools' })).toBeVisible();
        const heading = await toolbar.getByRole('heading', { name: 'Appointments' }).boundingBox();
        const tools = await toolbar.getByRole('button', { name: 'Appointment book tools' }).boundingBox();
        const height = (await toolbar.boundingBox())?.height ?? 0;
        expect(height, `the ${view} toolbar at ${size.width}`).toBeLessThan(48);
        expect(Math.abs((tools?.y ?? 0) + (tools?.height ?? 0) / 2 - ((heading?.y ?? 0) + (heading?.height ?? 0) / 2))).toBeLessThan(8);
      }
    }
    const date = toolbar.getByRole('button', { name: /: choose a date$/ });
    const dateBox = await date.boundingBox();
    const todayBox = await toolbar.getByRole('button', { name: 'Today' }).boundingBox();
    // One line of text: as tall as the Today button beside it.
    expect(dateBox?.height, `the date at ${size.width}×${size.height}`).toBeLessThanOrEqual((todayBox?.height ?? 0) + 1);
  }
});

test('opens the week on the first provider who works that week, and keeps them when stepping weeks', async ({ page }) => {
  const { clinic, providers } = await soho(page.request);
  const [first] = providers;
  if (!first || providers.length < 2) throw new Error('SoHo needs two providers');
  // A Monday half a year ahead, away from other tests' bookings: the first provider takes that week off.
  const monday = new Date(Date.now() + 182 * 86_400_000);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const week = Array.from({ length: 7 }, (_, index) => new Date(monday.getTime() + index * 86_400_000).toISOString().slice(0, 10));
  for (const localDate of week) {
    const response = await page.request.post(`/api/v1/providers/${first.id}/schedule-overrides`, {
      data: { clinicId: clinic.id, localDate, intervals: [], note: 'e2e: a week off' },
    });
    expect([201, 409], await response.text()).toContain(response.status());
  }
  const range = `clinicId=${clinic.id}&from=${week[0]}T00:00:00Z&to=${week[6]}T23:59:59Z`;
  let expected: Provider | undefined;
  for (const provider of providers.slice(1)) {
    const schedule = await getJson<{ intervals: unknown[] }>(page.request, `/api/v1/providers/${provider.id}/schedule?${range}`);
    if (schedule.intervals.length > 0) {
      expected = provider;
      break;
    }
  }
  if (!expected) throw new Error('nobody else works at SoHo that week');

  await page.goto(`/appointments?clinic=${clinic.id}&date=${week[2]}&view=week`);
  const picker = page.getByRole('combobox', { name: 'Provider' });
  await expect(picker).toHaveValue(expected.displayName);
  await expect(page).toHaveURL(new RegExp(`provider=${expected.id}`));
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(picker).toHaveValue(expected.displayName);
});

test('on a phone the Settings list folds above the section, which starts on the first screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/settings/staff');
  const heading = page.getByRole('heading', { level: 1, name: 'Staff' });
  await expect(heading).toBeInViewport();
  const settings = page.getByRole('navigation', { name: 'Settings' });
  const toggle = settings.getByRole('button', { name: /Settings.*Staff/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(settings.getByRole('link')).toHaveCount(0);
  await toggle.click();
  await settings.getByRole('link', { name: /^Clinics/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clinics' })).toBeInViewport();
  await expect(settings.getByRole('button', { name: /Settings.*Clinics/ })).toHaveAttribute('aria-expanded', 'false');
});

test('the booking form’s own labels are as heavy as its fields’ labels', async ({ page }) => {
  await page.goto('/appointments');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'New appointment' });
  const weightOf = (text: string | RegExp) =>
    form
      .getByText(text, { exact: true })
      .first()
      .evaluate((element) => getComputedStyle(element).fontWeight);
  const fieldLabel = await form
    .locator('label')
    .filter({ hasText: /^Clinic/ })
    .evaluate((element) => getComputedStyle(element).fontWeight);
  for (const text of ['In person or virtual', 'Patient']) {
    expect({ text, weight: await weightOf(text) }).toEqual({ text, weight: fieldLabel });
  }
  expect(await form.locator('#services-label').evaluate((element) => getComputedStyle(element).fontWeight)).toBe(fieldLabel);
});

test('on a phone the Sales filters put From and To on one row', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/sales');
  const filters = page.getByRole('region', { name: 'Filter invoices' });
  const from = await filters.getByText('From', { exact: true }).boundingBox();
  const to = await filters.getByText('To', { exact: true }).boundingBox();
  expect(Math.abs((from?.y ?? 0) - (to?.y ?? -100))).toBeLessThan(2);
  await expectNoHorizontalScroll(page, 'Sales');
});

test('on a phone the invoice list and an invoice’s tables stack their rows instead of scrolling inside their cards', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/sales');
  const invoices = page.getByRole('table', { name: 'Invoices' });
  await expect(invoices).toBeVisible();
  const scrollsInside = (table: ReturnType<Page['getByRole']>) =>
    table.evaluate((element) => {
      const frame = element.parentElement?.parentElement ?? element;
      return { frame: frame.scrollWidth > frame.clientWidth + 1, table: element.scrollWidth > element.clientWidth + 1 };
    });
  expect(await scrollsInside(invoices)).toEqual({ frame: false, table: false });
  await expect(invoices.locator('tbody tr').first().locator('td[data-label="Total"]')).toBeVisible();
  await invoices
    .getByRole('link', { name: /^Invoice #/ })
    .first()
    .click();
  for (const name of ['Invoice lines', 'Payments']) {
    const table = page.getByRole('table', { name });
    await expect(table).toBeVisible();
    expect({ name, ...(await scrollsInside(table)) }).toEqual({ name, frame: false, table: false });
  }
  await expectNoHorizontalScroll(page, 'The invoice');
});

test('on a phone the week view keeps each day readable: whole day names, the days past the third reached by scrolling the grid, not the page', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/appointments?view=week');
  const headers = page.locator('[data-book-column-header]');
  await expect(headers).toHaveCount(7);
  const truncated = await headers.evaluateAll((elements) =>
    elements.flatMap((element) => {
      const title = element.querySelector('p');
      return title && title.scrollWidth > title.clientWidth ? [title.textContent] : [];
    }),
  );
  expect(truncated).toEqual([]);
  const widths = await headers.evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().width)));
  expect(Math.min(...widths)).toBeGreaterThanOrEqual(100);
  await expectNoHorizontalScroll(page, 'The week view');
});

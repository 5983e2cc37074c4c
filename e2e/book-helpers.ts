import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/** What the book specs read from the API about the demo practice. */
export interface Clinic {
  id: string;
  name: string;
  timezone: string;
}
export interface Provider {
  id: string;
  displayName: string;
  serviceIds: string[];
}
export interface Service {
  id: string;
  name: string;
}

export const PX_PER_MINUTE = 20 / 15;

export async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  expect(response.ok(), `${path} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

export async function postJson<T>(request: APIRequestContext, path: string, data: unknown): Promise<T> {
  const response = await request.post(path, { data });
  expect(response.ok(), `${path} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** The wall clock of an instant in a zone: local date and minutes from midnight. */
export function wallClock(instant: string | Date, timeZone: string): { localDate: string; minutes: number } {
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

/** The demo's SoHo clinic with its active providers and services. */
export async function soho(request: APIRequestContext) {
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

let patientSerial = 0;
export async function createPatient(
  request: APIRequestContext,
  firstName: string,
): Promise<{ id: string; firstName: string; lastName: string }> {
  patientSerial += 1;
  const lastName = `E2e${Date.now().toString(36)}${patientSerial}`;
  return postJson(request, '/api/v1/patients', { firstName, lastName });
}

/** Scrolls the book so a time of a column is on screen. */
export async function revealTime(page: Page, columnKey: string, minutes: number): Promise<void> {
  const column = page.locator(`[data-column-key="${columnKey}"]`);
  await expect(column).toBeVisible();
  const dayStart = Number(await column.getAttribute('data-day-start'));
  const y = (minutes - dayStart) * PX_PER_MINUTE + 6;
  await column.evaluate((element, top) => {
    const scroller = element.closest('[data-book-scroller]');
    if (scroller) scroller.scrollTop = Math.max(0, top - 160);
  }, y);
}

/** Fails naming the page when the document is wider than the window (a horizontal scroll bar). */
export async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(widths.document, `${what} is ${widths.document} px wide in a ${widths.window} px window`).toBeLessThanOrEqual(widths.window);
}

/** The next Tuesday or Wednesday (or today if it is one) in New York: every demo clinic is open and the demo has bookings. */
export function busyDemoDate(): string {
  for (let days = 0; days < 7; days++) {
    const moment = new Date(Date.now() + days * 86_400_000);
    const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short' }).format(moment);
    if (weekday === 'Tue' || weekday === 'Wed') {
      return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        moment,
      );
    }
  }
  throw new Error('no Tuesday within a week');
}

/**
 * Picks a start time in the booking form's Time field by typing it and choosing the option.
 * The form's open times panel, above the field, grows when its times arrive: a click aimed at
 * the field while it loads can land on a time in the panel instead, so the choice is retried
 * until the field shows it.
 */
export async function chooseTime(page: Page, form: Locator, label: string): Promise<void> {
  const field = form.getByRole('combobox', { name: 'Time' });
  await expect(async () => {
    await field.fill(label);
    await page.getByRole('option', { name: label, exact: true }).click({ timeout: 3_000 });
    await expect(field).toHaveValue(label, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** The instant of a wall-clock time (minutes after midnight) on a local date in the zone; for hours with no clock change. */
export function instantOn(localDate: string, minutes: number, timeZone: string): string {
  const noonLocal = wallClock(new Date(`${localDate}T12:00:00Z`), timeZone).minutes;
  return new Date(Date.parse(`${localDate}T00:00:00Z`) + (minutes - (noonLocal - 12 * 60)) * 60_000).toISOString();
}

/**
 * Books an appointment today at the clinic, at the first quarter hour from `fromMinutes` that
 * its rooms and equipment leave free. Several flows of the suite book visits today (check-in
 * opens only on the visit's day), and a room is never double booked, whatever
 * `allowDoubleBooking` lets a provider do: a fixed hour would depend on what ran before.
 */
export async function bookToday(
  request: APIRequestContext,
  clinic: Clinic,
  fromMinutes: number,
  body: Record<string, unknown>,
): Promise<{ id: string; localDate: string; start: string }> {
  const localDate = wallClock(new Date(), clinic.timezone).localDate;
  for (let minutes = fromMinutes; minutes <= 22 * 60; minutes += 15) {
    const start = instantOn(localDate, minutes, clinic.timezone);
    const response = await request.post('/api/v1/appointments', { data: { ...body, clinicId: clinic.id, start } });
    if (response.status() === 409) continue;
    expect(response.ok(), `/api/v1/appointments → ${response.status()} ${await response.text()}`).toBeTruthy();
    const booked = (await response.json()) as { id: string };
    return { id: booked.id, localDate, start };
  }
  throw new Error(`no quarter hour left today at ${clinic.name} from ${fromMinutes} minutes after midnight`);
}

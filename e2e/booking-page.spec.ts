import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import type { TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import type { ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { getJson, postJson, wallClock } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD } from './sign-in.ts';
import { axeViolations } from './axe.ts';
import { emailedCode, startDemoServerWithMail, type DemoServerWithMail } from './mail-server.ts';

// The online booking page (/book/<slug>) through the real UI, at a phone's size and a desktop's
// (and a small laptop's, for its pictures). Sign-in and sign-up codes go by email, so this spec
// runs a server of its own on the demo practice whose SMTP_URL points at an SMTP server in this
// process, as portal.spec.ts does. Every booking step is checked with axe (WCAG 2.1 AA).
//
// With E2E_SCREENSHOT_DIR set, every step is also photographed (book-<step>-<width>.png).

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1024, height: 768 };
const DESKTOP = { width: 1440, height: 900 };
const SLOT_TIME = /^\w+, \w+ \d+, \d+:\d{2} [AP]M$/;

interface CatalogService {
  id: string;
  name: string;
  clinicIds: string[];
  requiresCard: boolean;
}
interface Catalog {
  clinics: { id: string; name: string; timezone: string }[];
  services: CatalogService[];
  providers: { id: string; displayName: string; clinicIds: string[]; serviceIds: string[] }[];
  cancellationPolicies: { clinicId: string; text: string }[];
}
let smtp: TestSmtpServer;
let server: ServerProcess;
let demo: DemoServerWithMail;
let staff: APIRequestContext;
let catalog: Catalog;

function at(path: string): string {
  return `${server.baseUrl}${path}`;
}

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startDemoServerWithMail('book');
  ({ smtp, server, staff } = demo);
  catalog = await getJson<Catalog>(staff, '/api/v1/public/demo/booking-catalog');
});

test.afterAll(async () => {
  await demo?.stop();
});

/** A service the demo offers online with (or without) a card, the clinic that offers it and a provider who performs it there. */
function bookable(requiresCard: boolean) {
  for (const service of catalog.services.filter((candidate) => candidate.requiresCard === requiresCard)) {
    for (const clinicId of service.clinicIds) {
      const clinic = catalog.clinics.find((candidate) => candidate.id === clinicId);
      const provider = catalog.providers.find(
        (candidate) => candidate.clinicIds.includes(clinicId) && candidate.serviceIds.includes(service.id),
      );
      if (clinic && provider) return { service, clinic, provider };
    }
  }
  throw new Error(`the demo offers no service online ${requiresCard ? 'with' : 'without'} a card`);
}

/** Checks the step with axe and, when asked for, photographs it under `book-<name>-<width>`. */
async function review(page: Page, name: string, found: string[]): Promise<void> {
  found.push(...(await axeViolations(page, name)));
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `book-${name}-${page.viewportSize()?.width ?? 0}.png`), fullPage: true });
}

function heading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name });
}

/** Clinic (when the demo has several), the service, the provider, and the first open time (a later week if this one is full). */
async function chooseUpToTime(
  page: Page,
  choice: ReturnType<typeof bookable>,
  /** A provider's name, or 'Any provider'. */
  providerName: string,
  found: string[],
): Promise<void> {
  await page.goto(at('/book/demo'));
  if (catalog.clinics.length > 1) {
    await expect(heading(page, 'Choose a location')).toBeVisible();
    await review(page, '1-location', found);
    await page.getByRole('button', { name: new RegExp(`^${choice.clinic.name}`) }).click();
  }
  await expect(heading(page, 'Choose a service')).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Choose a service or a package to continue.')).toBeVisible();
  await review(page, '2-service', found);
  await page.getByRole('checkbox', { name: choice.service.name }).click();
  await expect(page.getByRole('checkbox', { name: choice.service.name })).toBeChecked();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(heading(page, 'Choose a provider')).toBeVisible();
  await review(page, '3-provider', found);
  await page.getByRole('radio', { name: providerName }).check({ force: true });
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(heading(page, 'Choose a day and time')).toBeVisible();
  const times = page.getByRole('button', { name: SLOT_TIME });
  for (let week = 0; week < 4; week++) {
    await expect(times.first().or(page.getByRole('heading', { name: 'No open times this week' }))).toBeVisible({ timeout: 20_000 });
    if (await times.first().isVisible()) break;
    await review(page, '4-time-none', found);
    await page.getByRole('button', { name: 'Next week' }).last().click();
  }
  await expect(times.first()).toBeVisible();
  await review(page, '4-time', found);
}

let clientSerial = 0;

for (const viewport of [PHONE, LAPTOP, DESKTOP]) {
  test(`at ${viewport.width}×${viewport.height}, a visitor chooses a location, a service that needs a card, any provider and a time, then is asked to log in or sign up`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const found: string[] = [];
    const choice = bookable(true);

    await chooseUpToTime(page, choice, 'Any provider', found);
    await page.getByRole('button', { name: SLOT_TIME }).first().click();

    await expect(heading(page, 'Your details')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Log in' })).toBeVisible();
    await review(page, '5-log-in', found);
    await page.getByText('I am new here').click();
    await expect(page.getByRole('textbox', { name: 'First name' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Date of birth' })).toBeVisible();
    await review(page, '5-sign-up', found);

    await page.getByRole('button', { name: 'Back' }).click();
    await expect(heading(page, 'Choose a day and time')).toBeVisible();
    expect(found, found.join('\n')).toEqual([]);
  });
}

for (const viewport of [PHONE, DESKTOP]) {
  test(`at ${viewport.width}×${viewport.height}, a client on file chooses a provider's time, signs in with an emailed code and reviews the booking, no card needed`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const found: string[] = [];
    const choice = bookable(false);
    clientSerial += 1;
    const lastName = `Regular${Date.now().toString(36)}${clientSerial}`;
    const patient = await postJson<{ id: string; email: string }>(staff, '/api/v1/patients', {
      firstName: 'Iris',
      lastName,
      email: `${lastName.toLowerCase()}@example.com`,
    });

    await chooseUpToTime(page, choice, choice.provider.displayName, found);
    await page.getByRole('button', { name: SLOT_TIME }).first().click();

    await expect(heading(page, 'Your details')).toBeVisible();
    await page.getByRole('button', { name: 'Use email to log in' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill(patient.email);
    const sentBefore = smtp.received.length;
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
    await review(page, '5-log-in-code', found);
    await page.getByRole('textbox', { name: 'Code' }).fill(await emailedCode(smtp, patient.email, sentBefore));
    await page.getByRole('button', { name: 'Sign in' }).click();

    // No card is needed: from the code straight to the review.
    await expect(heading(page, 'Review and book')).toBeVisible();
    await expect(page.getByText(`Iris ${lastName}`)).toBeVisible();
    await expect(page.getByText(choice.provider.displayName)).toBeVisible();
    await expect(page.getByText(choice.service.name)).toBeVisible();
    await expect(page.getByText('Cancellation policy and card')).toHaveCount(0);
    await review(page, '7-review', found);
    expect(found, found.join('\n')).toEqual([]);
  });

  test(`at ${viewport.width}×${viewport.height}, an unknown booking address says no clinic books online there`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const found: string[] = [];
    await page.goto(at('/book/no-such-clinic'));
    await expect(heading(page, 'This booking page does not exist')).toBeVisible();
    await expect(page.getByText('“no-such-clinic”')).toBeVisible();
    await review(page, '9-unknown-address', found);
    expect(found, found.join('\n')).toEqual([]);
  });
}

/** The appointment is on the staff book: the day's page shows its card. */
async function expectInStaffBook(browser: Browser, appointmentId: string, clinicId: string, localDate: string): Promise<void> {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.baseUrl });
  const staffPage = await context.newPage();
  await staffPage.goto('/login');
  await staffPage.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await staffPage.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await staffPage.getByRole('button', { name: 'Sign in' }).click();
  await staffPage.waitForURL((url) => url.pathname !== '/login');
  await staffPage.goto(`/appointments?clinic=${clinicId}&date=${localDate}`);
  await expect(staffPage.locator(`[data-appointment-id="${appointmentId}"]`)).toBeAttached({ timeout: 20_000 });
  await context.close();
}

for (const viewport of [PHONE, DESKTOP]) {
  test(`at ${viewport.width}×${viewport.height}, a new client books a service that needs a card, sees the confirmation, and the staff book shows it`, async ({
    page,
    browser,
  }) => {
    await page.setViewportSize(viewport);
    const found: string[] = [];
    const choice = bookable(true);
    clientSerial += 1;
    const lastName = `Newbie${Date.now().toString(36)}${clientSerial}`;
    const email = `${lastName.toLowerCase()}@example.com`;
    // Registered by code in this browser (the Sign Up form is the portal's): the booking page finds the session.
    const sentBefore = smtp.received.length;
    const registered = await page.request.post(at('/api/v1/portal/demo/auth/register'), {
      data: { channel: 'email', email, firstName: 'Noor', lastName, dateOfBirth: '1990-04-12' },
    });
    expect(registered.status(), await registered.text()).toBe(202);
    const verified = await page.request.post(at('/api/v1/portal/demo/auth/register/verify'), {
      data: { channel: 'email', email, code: await emailedCode(smtp, email, sentBefore) },
    });
    expect(verified.status(), await verified.text()).toBe(200);

    await chooseUpToTime(page, choice, 'Any provider', []);
    await page.getByRole('button', { name: SLOT_TIME }).first().click();
    await expect(heading(page, 'Cancellation policy and card')).toBeVisible();
    const cardForm = page.frameLocator('iframe[title="Card details (secure payment form)"]');
    await expect(cardForm.getByRole('textbox', { name: 'Card number' })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('Enter a card to continue.')).toBeVisible();
    await review(page, '6-card', found);
    await cardForm.getByRole('textbox', { name: 'Card number' }).fill('4242 4242 4242 4242');
    await cardForm.getByRole('textbox', { name: 'Expiry (MM/YY)' }).fill('12/30');
    await cardForm.getByRole('textbox', { name: 'CVC' }).fill('123');
    await cardForm.getByRole('button', { name: 'Use this card' }).click();
    await expect(page.getByText('Visa •••• 4242')).toBeVisible({ timeout: 20_000 });
    if (await page.getByRole('checkbox', { name: 'I agree to the cancellation policy' }).count()) {
      await page.getByRole('checkbox', { name: 'I agree to the cancellation policy' }).check();
    }
    await review(page, '6-card-saved', found);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(heading(page, 'Review and book')).toBeVisible();
    await expect(page.getByText(`Noor ${lastName}`)).toBeVisible();
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/public/demo/bookings'));
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const reply = await answer;
    expect(reply.status(), await reply.text()).toBe(201);
    const booked = ((await reply.json()) as { appointment: { id: string; start: string; providerName: string } }).appointment;

    await expect(heading(page, 'You are booked')).toBeVisible();
    await expect(page.getByText(booked.providerName)).toBeVisible();
    await expect(page.getByText(choice.service.name)).toBeVisible();
    await expect(page.getByText(/with a calendar invite/)).toBeVisible();
    await review(page, '8-confirmation', found);
    await expectInStaffBook(browser, booked.id, choice.clinic.id, wallClock(booked.start, choice.clinic.timezone).localDate);
    expect(found, found.join('\n')).toEqual([]);
  });

  test(`at ${viewport.width}×${viewport.height}, a client on file books without a card after losing a time to the front desk`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const found: string[] = [];
    const choice = bookable(false);
    clientSerial += 1;
    const lastName = `Regular${Date.now().toString(36)}${clientSerial}`;
    const patient = await postJson<{ id: string; email: string }>(staff, '/api/v1/patients', {
      firstName: 'Iris',
      lastName,
      email: `${lastName.toLowerCase()}@example.com`,
    });
    const other = await postJson<{ id: string }>(staff, '/api/v1/patients', { firstName: 'Other', lastName: `${lastName}x` });
    await chooseUpToTime(page, choice, choice.provider.displayName, []);
    const times = page.getByRole('button', { name: SLOT_TIME });
    const firstTime = (await times.first().getAttribute('aria-label')) ?? '';
    await times.first().click();
    await page.getByRole('button', { name: 'Use email to log in' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill(patient.email);
    const sentBefore = smtp.received.length;
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByRole('textbox', { name: 'Code' }).fill(await emailedCode(smtp, patient.email, sentBefore));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(heading(page, 'Review and book')).toBeVisible();

    const start = await page.locator('[data-slot-start]').getAttribute('data-slot-start');
    await postJson(staff, '/api/v1/appointments', {
      mode: 'in_person',
      clinicId: choice.clinic.id,
      providerId: choice.provider.id,
      serviceIds: [choice.service.id],
      start,
      patientId: other.id,
    });
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(heading(page, 'Choose a day and time')).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('That time was just taken. Choose another time.');
    await expect(times.first()).toBeVisible();
    await expect(page.getByRole('button', { name: firstTime, exact: true })).toHaveCount(0);
    await review(page, '4-time-taken', found);
    await times.first().click();
    await expect(heading(page, 'Review and book')).toBeVisible();
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(heading(page, 'You are booked')).toBeVisible();
    await expect(page.getByText(choice.provider.displayName)).toBeVisible();
    expect(found, found.join('\n')).toEqual([]);
  });
}

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createPatient, getJson, postJson, revealTime, wallClock, type Clinic } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';

// A provider limited to their own appointments (the practice setting's default) sees a
// colleague's appointment without its actions, and the server refuses them; the owner
// then lets providers manage every appointment from Settings → Provider access.

const SOFIA = { email: 'sofia.ramirez@demo.glowdesk.app', name: 'Sofia Ramirez' };

interface Provider {
  id: string;
  staffId: string;
  displayName: string;
  clinicIds: string[];
  serviceIds: string[];
}
interface Service {
  id: string;
  mode: string;
}

async function setProviderAccess(request: APIRequestContext, providersManageAllAppointments: boolean): Promise<void> {
  const response = await request.patch('/api/v1/practice-settings', { data: { providersManageAllAppointments } });
  expect(response.ok(), await response.text()).toBeTruthy();
}

/** Sofia, a colleague at her clinic doing a virtual-capable service she does, and two appointments today. */
async function bookSofiaAndColleague(request: APIRequestContext) {
  const providers = (await getJson<{ items: Provider[] }>(request, '/api/v1/providers?active=true')).items;
  const sofia = providers.find((provider) => provider.displayName.startsWith(SOFIA.name));
  if (!sofia) throw new Error('the demo provider Sofia Ramirez is missing');
  const clinics = (await getJson<{ items: Clinic[] }>(request, '/api/v1/clinics')).items;
  const services = (await getJson<{ items: Service[] }>(request, '/api/v1/services?active=true')).items;
  // A service that can be virtual needs no room, so the test's bookings never wait for one.
  const remote = services.filter((service) => service.mode !== 'in_person' && sofia.serviceIds.includes(service.id));
  for (const clinic of clinics.filter((candidate) => sofia.clinicIds.includes(candidate.id))) {
    for (const service of remote) {
      const colleague = providers.find(
        (provider) => provider.id !== sofia.id && provider.clinicIds.includes(clinic.id) && provider.serviceIds.includes(service.id),
      );
      if (!colleague) continue;
      const today = wallClock(new Date(), clinic.timezone).localDate;
      const noonLocal = wallClock(new Date(`${today}T12:00:00Z`), clinic.timezone).minutes;
      const startAt = (minutes: number) =>
        new Date(Date.parse(`${today}T00:00:00Z`) + (minutes - (noonLocal - 12 * 60)) * 60_000).toISOString();
      const book = async (provider: Provider, minutes: number, firstName: string) => {
        // The provider works all day today by a date override, whatever the weekday.
        await request.post(`/api/v1/providers/${provider.id}/schedule-overrides`, {
          data: { clinicId: clinic.id, localDate: today, intervals: [{ start: '06:00', end: '23:00' }], note: 'e2e: provider access' },
        });
        const patient = await createPatient(request, firstName);
        const appointment = await postJson<{ id: string }>(request, '/api/v1/appointments', {
          kind: 'appointment',
          mode: 'virtual',
          clinicId: clinic.id,
          providerId: provider.id,
          serviceIds: [service.id],
          start: startAt(minutes),
          patientId: patient.id,
          allowDoubleBooking: true,
          requireCardOnFile: false,
        });
        return { id: appointment.id, minutes, provider, patientName: `${patient.firstName} ${patient.lastName}` };
      };
      return {
        clinic,
        today,
        colleagues: await book(colleague, 6 * 60 + 15, 'Colleague'),
        own: await book(sofia, 7 * 60 + 30, 'Own'),
      };
    }
  }
  throw new Error('no clinic of Sofia Ramirez has a colleague doing a virtual service she does');
}

async function openAppointment(page: Page, appointment: { id: string; minutes: number; provider: Provider; patientName: string }) {
  await revealTime(page, appointment.provider.id, appointment.minutes);
  await page.locator(`[data-appointment-id="${appointment.id}"]`).click();
  return page.getByRole('dialog', { name: new RegExp(appointment.patientName) });
}

test('a provider cannot cancel a colleague’s appointment but can act on their own, until the owner allows it', async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await setProviderAccess(page.request, false);
  const { clinic, today, colleagues, own } = await bookSofiaAndColleague(page.request);

  const providerContext = await browser.newContext();
  try {
    const providerPage = await providerContext.newPage();
    await signIn(providerPage, SOFIA.email, DEMO_PASSWORD);
    await providerPage.goto(`/appointments?clinic=${clinic.id}&date=${today}`);

    let drawer = await openAppointment(providerPage, colleagues);
    await expect(drawer.getByText('only they, the front desk or a manager can change it')).toBeVisible();
    await expect(drawer.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
    await expect(drawer.getByRole('button', { name: 'Confirm' })).toHaveCount(0);
    const refused = await providerPage.request.post(`/api/v1/appointments/${colleagues.id}/cancel`, { data: { reason: 'Trying anyway' } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()) as unknown).toMatchObject({ code: 'not_your_appointment' });
    // Nor the forms of a colleague's client, nor assigning them.
    const paperwork = drawer.getByRole('region', { name: 'Paperwork' });
    await expect(paperwork.getByText('This client has no appointment with you, so their forms are not shown.')).toBeVisible();
    await expect(drawer.getByRole('button', { name: 'Assign forms' })).toHaveCount(0);
    const assign = await providerPage.request.post(`/api/v1/appointments/${colleagues.id}/paperwork/assign`);
    expect(assign.status()).toBe(403);
    await providerPage.keyboard.press('Escape');

    drawer = await openAppointment(providerPage, own);
    await expect(drawer.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await drawer.getByRole('button', { name: 'Confirm' }).click();
    await expect(providerPage.getByRole('alert').filter({ hasText: 'Appointment confirmed' })).toBeVisible();
    await providerPage.keyboard.press('Escape');

    await page.goto('/settings/provider-access');
    const toggle = page.getByRole('switch', { name: 'Providers can change every appointment and see every client' });
    await expect(toggle).not.toBeChecked();
    await toggle.click();
    await expect(page.getByRole('alert').filter({ hasText: 'Provider access saved' })).toBeVisible();
    await expect(toggle).toBeChecked();

    await providerPage.reload();
    drawer = await openAppointment(providerPage, colleagues);
    await expect(drawer.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await drawer.getByRole('button', { name: 'Confirm' }).click();
    await expect(providerPage.getByRole('alert').filter({ hasText: 'Appointment confirmed' })).toBeVisible();
  } finally {
    await providerContext.close();
    await setProviderAccess(page.request, false);
  }
});

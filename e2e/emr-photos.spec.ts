import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { bookToday, createPatient, getJson, postJson, soho, wallClock } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';
import { axeViolations } from './axe.ts';

// Before and after photos on a chart: uploaded through the Photos section, shown as
// thumbnails by kind and side by side in Before / After, checked with axe. With
// E2E_SCREENSHOT_DIR set, the section is photographed at 1440×900, 1024×768 and 390×844.

/** A small JPEG of one colour, as a phone's camera would send it. */
function photo(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

test('uploads a before and an after photo on a chart and compares them side by side', async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  const { clinic, providers, service } = await soho(page.request);
  const botox = service(/^Botox/);
  const provider = providers.find((candidate) => candidate.serviceIds.includes(botox.id));
  if (!provider) throw new Error('no SoHo provider performs Botox');
  const patient = await createPatient(page.request, 'Photographed');
  // A date override opens the provider's day whatever weekday the suite runs on (409: another test opened it).
  const localDate = wallClock(new Date(), clinic.timezone).localDate;
  const override = await page.request.post(`/api/v1/providers/${provider.id}/schedule-overrides`, {
    data: { clinicId: clinic.id, localDate, intervals: [{ start: '06:00', end: '23:00' }], note: 'e2e: EMR' },
  });
  expect(override.ok() || override.status() === 409, `schedule override → ${override.status()}`).toBeTruthy();
  const visit = await bookToday(page.request, clinic, 8 * 60, {
    kind: 'appointment',
    mode: 'in_person',
    providerId: provider.id,
    serviceIds: [botox.id],
    patientId: patient.id,
    allowDoubleBooking: true,
    requireCardOnFile: false,
  });
  const types = await getJson<{ items: { id: string; name: string }[] }>(page.request, '/api/v1/procedure-types');
  const neurotoxin = types.items.find((type) => type.name === 'Neurotoxin');
  if (!neurotoxin) throw new Error('the demo has no Neurotoxin procedure type');
  const procedure = await postJson<{ id: string }>(page.request, '/api/v1/procedures', {
    patientId: patient.id,
    procedureTypeId: neurotoxin.id,
    appointmentId: visit.id,
  });

  await page.goto(`/emr/procedures/${procedure.id}`);
  const photos = page.getByRole('region', { name: 'Photos' });
  await expect(photos.getByText('No photos yet.')).toBeVisible();

  await photos.getByRole('textbox', { name: 'Caption (optional)' }).fill('Frontal, relaxed');
  const beforeChooser = page.waitForEvent('filechooser');
  await photos.getByRole('button', { name: 'Upload Before photo' }).click();
  await (await beforeChooser).setFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: await photo('#c9a28f') });
  await expect(photos.getByRole('group', { name: 'Before photos' }).getByRole('button', { name: /Frontal, relaxed/ })).toBeVisible();

  // Not an image: refused by the server, which says so, and nothing is added.
  const wrongChooser = page.waitForEvent('filechooser');
  await photos.getByRole('button', { name: 'Upload After photo' }).click();
  await (await wrongChooser).setFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') });
  await expect(photos.getByRole('alert')).toBeVisible();
  await expect(photos.getByRole('group', { name: 'After photos' })).toHaveCount(0);

  const afterChooser = page.waitForEvent('filechooser');
  await photos.getByRole('button', { name: 'Upload After photo' }).click();
  await (await afterChooser).setFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await photo('#e6c3b3') });
  await expect(photos.getByRole('group', { name: 'After photos' }).getByRole('button')).toHaveCount(1);

  const comparison = page.getByRole('region', { name: 'Before / After' });
  await expect(comparison.getByRole('group', { name: 'Before photo' }).getByRole('img')).toBeVisible();
  await expect(comparison.getByRole('group', { name: 'After photo' }).getByRole('img')).toBeVisible();
  // The images really load (thumbnail and full size come back from the server as JPEG).
  await expect
    .poll(() => comparison.getByRole('img').evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth > 0)))
    .toEqual([true, true]);
  expect(await axeViolations(page, 'photos')).toEqual([]);

  await photos.getByRole('group', { name: 'Before photos' }).getByRole('button').first().click();
  const opened = page.getByRole('dialog', { name: /Before photo/ });
  await expect(opened.getByRole('img', { name: 'Before photo: Frontal, relaxed' })).toBeVisible();
  await page.keyboard.press('Escape');

  const shots = process.env.E2E_SCREENSHOT_DIR;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    for (const [width, height] of [
      [1440, 900],
      [1024, 768],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await photos.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(shots, `emr-photos-${width}.png`), fullPage: true });
    }
  }

  const listed = await getJson<{ items: { kind: string }[] }>(page.request, `/api/v1/procedures/${procedure.id}/photos`);
  expect(listed.items.map((item) => item.kind).sort()).toEqual(['after', 'before']);
});

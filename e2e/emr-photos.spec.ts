import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { getJson } from './book-helpers.ts';
import { chartFor, visitToday } from './emr-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';
import { axeViolations } from './axe.ts';
import { atEachScreenSize, screenshotDir } from './screen-sizes.ts';

// Before and after photos on a chart: uploaded through the Photos section, shown as
// thumbnails by kind and side by side in Before / After, one deleted through its
// confirmation dialog before signing, checked with axe. With E2E_SCREENSHOT_DIR set, the
// section is photographed at 1440×900, 1024×768 and 390×844, and the dialog at 1440×900
// and 390×844.

/** A small JPEG of one colour, as a phone's camera would send it. */
function photo(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

test('uploads before and after photos on a chart, compares them side by side, deletes one before signing, and can delete none once signed', async ({
  page,
}) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  const visit = await visitToday(page.request, { service: /^Botox/, firstName: 'Photographed', fromMinutes: 8 * 60 });
  const procedure = await chartFor(page.request, visit, 'Neurotoxin');

  await page.goto(`/emr/procedures/${procedure.id}`);
  const photos = page.getByRole('region', { name: 'Photos' });
  await expect(photos.getByText('No photos yet.')).toBeVisible();

  await photos.getByRole('textbox', { name: 'Caption (optional)' }).fill('Frontal, relaxed');
  const beforeChooser = page.waitForEvent('filechooser');
  await photos.getByRole('button', { name: 'Upload Before photo' }).click();
  await (await beforeChooser).setFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: await photo('#c9a28f') });
  await expect(
    photos.getByRole('group', { name: 'Before photos' }).getByRole('button', { name: /^Open Before photo.*Frontal, relaxed/ }),
  ).toBeVisible();

  // Not an image: refused by the server, which says so, and nothing is added.
  const wrongChooser = page.waitForEvent('filechooser');
  await photos.getByRole('button', { name: 'Upload After photo' }).click();
  await (await wrongChooser).setFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') });
  await expect(photos.getByRole('alert')).toBeVisible();
  await expect(photos.getByRole('group', { name: 'After photos' })).toHaveCount(0);

  const afterChooser = page.waitForEvent('filechooser');
  await photos.getByRole('button', { name: 'Upload After photo' }).click();
  await (await afterChooser).setFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await photo('#e6c3b3') });
  await expect(photos.getByRole('group', { name: 'After photos' }).getByRole('button', { name: /^Open After photo/ })).toHaveCount(1);

  // A second after photo, taken by mistake: the comparison shows the latest after photo.
  await photos.getByRole('textbox', { name: 'Caption (optional)' }).fill('Wrong side');
  const mistakeChooser = page.waitForEvent('filechooser');
  await photos.getByRole('button', { name: 'Upload After photo' }).click();
  await (await mistakeChooser).setFiles({ name: 'mistake.jpg', mimeType: 'image/jpeg', buffer: await photo('#7f9fb0') });
  await expect(photos.getByRole('group', { name: 'After photos' }).getByRole('button', { name: /^Open After photo/ })).toHaveCount(2);

  const comparison = page.getByRole('region', { name: 'Before / After' });
  await expect(comparison.getByRole('group', { name: 'Before photo' }).getByRole('img')).toBeVisible();
  await expect(comparison.getByRole('group', { name: 'After photo' }).getByRole('img', { name: /^After: Wrong side/ })).toBeVisible();
  // The images really load (thumbnail and full size come back from the server as JPEG).
  await expect
    // The <img> elements only: with two after photos a Select's chevron (an <svg>, role img) is there too.
    .poll(() => comparison.locator('img').evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth > 0)))
    .toEqual([true, true]);
  expect(await axeViolations(page, 'photos')).toEqual([]);

  await photos
    .getByRole('group', { name: 'Before photos' })
    .getByRole('button', { name: /^Open Before photo/ })
    .click();
  const opened = page.getByRole('dialog', { name: /Before photo/ });
  await expect(opened.getByRole('img', { name: 'Before photo: Frontal, relaxed' })).toBeVisible();
  await page.keyboard.press('Escape');

  const shots = screenshotDir();
  if (shots) {
    await atEachScreenSize(page, async ({ width }) => {
      await photos.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `emr-photos-${width}.png`), fullPage: true });
    });
  }

  // Deleting asks first, naming the photo; Cancel keeps it.
  const deleteMistake = photos.getByRole('button', { name: /^Delete After photo “Wrong side”/ });
  const confirmation = page.getByRole('dialog', { name: 'Delete the After photo “Wrong side”?' });
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await deleteMistake.click();
    await expect(confirmation).toBeVisible();
    await expect(confirmation).toContainText('will be removed from this chart and from storage');
    if (shots) {
      await page.waitForTimeout(400); // the dialog's opening transition
      await page.screenshot({ path: join(shots, `emr-photos-delete-dialog-${width}.png`) });
    }
    await confirmation.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirmation).toHaveCount(0);
  }
  await expect(photos.getByRole('group', { name: 'After photos' }).getByRole('button', { name: /^Open After photo/ })).toHaveCount(2);

  await deleteMistake.click();
  await expect(confirmation).toBeVisible();
  expect(await axeViolations(page, 'delete photo dialog', '[role="dialog"]')).toEqual([]);
  await confirmation.getByRole('button', { name: 'Delete photo' }).click();
  await expect(confirmation).toHaveCount(0);
  // Gone from the list and from the comparison, which shows the remaining after photo.
  await expect(photos.getByRole('group', { name: 'After photos' }).getByRole('button', { name: /^Open After photo/ })).toHaveCount(1);
  await expect(photos.getByRole('button', { name: /Wrong side/ })).toHaveCount(0);
  await expect(comparison.getByRole('group', { name: 'After photo' }).getByRole('img')).toHaveAttribute('alt', /^After: (?!Wrong side)/);
  expect(await axeViolations(page, 'photos after deleting')).toEqual([]);

  const listed = await getJson<{ items: { id: string; kind: string }[] }>(page.request, `/api/v1/procedures/${procedure.id}/photos`);
  expect(listed.items.map((item) => item.kind).sort()).toEqual(['after', 'before']);

  // Signed, the chart's photos are part of the record: no Delete, no Upload, and the server refuses a delete too.
  await page.getByRole('button', { name: 'Sign chart' }).click();
  await expect(page.getByText(/^Signed by /)).toBeVisible();
  await expect(photos.getByRole('button', { name: /^Open Before photo/ })).toHaveCount(1);
  await expect(photos.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await expect(photos.getByRole('button', { name: /^Upload / })).toHaveCount(0);
  const refused = await page.request.delete(`/api/v1/procedures/${procedure.id}/photos/${listed.items[0]?.id ?? ''}`);
  expect(refused.status()).toBe(409);
});

import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { getJson } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD, signIn } from './sign-in.ts';
import { atEachScreenSize, screenshotDir } from './screen-sizes.ts';

// MD Review: the demo practice requires a medical director's co-signature and its owner is
// the medical director; charts signed before that wait in MD Review. The owner selects two
// and co-signs them in one confirmation; the charts show who co-signed and when, and a chart
// still waiting says so. With E2E_SCREENSHOT_DIR set, the page is photographed at 1440×900,
// 1024×768 and 390×844.

interface ReviewItem {
  procedureId: string;
  patient: { firstName: string; lastName: string };
}

test('a medical director co-signs two charts together from MD Review', async ({ page }) => {
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  const waiting = (await getJson<{ items: ReviewItem[] }>(page.request, '/api/v1/emr/md-review')).items;
  expect(waiting.length).toBeGreaterThanOrEqual(2);

  await page.goto('/emr');
  await page.getByRole('link', { name: 'MD Review' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'MD Review' })).toBeVisible();
  const cosignSelected = page.getByRole('button', { name: 'Co-sign selected' });
  await expect(cosignSelected).toBeDisabled();
  const checkboxes = page.getByRole('checkbox', { name: /^Select .+ chart$/ });
  await expect(checkboxes).toHaveCount(waiting.length);
  expect(await axeViolations(page, 'MD Review')).toEqual([]);

  const shots = screenshotDir();
  if (shots) {
    await atEachScreenSize(page, async ({ width }) => {
      await page.screenshot({ path: join(shots, `md-review-${width}.png`), fullPage: true });
    });
  }

  // On a phone the charts stack as cards: nothing scrolls sideways, and every chart and select-all can be ticked.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('checkbox', { name: 'Select all charts' })).toBeVisible();
  for (const checkbox of await checkboxes.all()) await expect(checkbox).toBeVisible();
  const table = await page.getByRole('table', { name: 'Charts waiting for co-signature' }).boundingBox();
  expect(table && table.x + table.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeViolations(page, 'MD Review on a phone')).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });

  // Select all, then leave out all but the first two.
  await page.getByRole('checkbox', { name: 'Select all charts' }).check();
  await expect(page.getByText(`${waiting.length} charts selected of ${waiting.length}`)).toBeVisible();
  for (let index = 2; index < waiting.length; index += 1) await checkboxes.nth(index).uncheck();
  await expect(page.getByText(`2 charts selected of ${waiting.length}`)).toBeVisible();
  await cosignSelected.click();
  const confirm = page.getByRole('dialog', { name: 'Co-sign 2 charts?' });
  expect(await axeViolations(page, 'co-sign confirmation')).toEqual([]);
  await confirm.getByRole('button', { name: 'Co-sign 2 charts' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Co-signed 2 charts.' })).toBeVisible();
  await expect(checkboxes).toHaveCount(waiting.length - 2);

  const [first, second] = waiting;
  if (!first || !second) throw new Error('two charts were waiting');
  for (const chart of [first, second]) {
    const opened = await getJson<{ cosignature: { cosignedAt: string | null; cosignedBy: { displayName: string } | null } }>(
      page.request,
      `/api/v1/procedures/${chart.procedureId}`,
    );
    expect(opened.cosignature.cosignedBy?.displayName).toBe(DEMO_OWNER.name);
  }
  await page.goto(`/emr/procedures/${first.procedureId}`);
  await expect(page.getByText('Co-signed by the medical director')).toBeVisible();
  await expect(page.getByText(DEMO_OWNER.name).first()).toBeVisible();
  const stillWaiting = waiting[2];
  if (stillWaiting) {
    await page.goto(`/emr/procedures/${stillWaiting.procedureId}`);
    await expect(page.getByText('Awaiting medical director co-signature')).toBeVisible();
    expect(await axeViolations(page, 'chart awaiting co-signature')).toEqual([]);
  }
});

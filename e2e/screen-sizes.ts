import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';

export interface ScreenSize {
  width: number;
  height: number;
}

/** The sizes every screen is looked at: a desktop, a small laptop and a phone. */
export const SCREEN_SIZES: readonly ScreenSize[] = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];

/** Where screenshots go (`E2E_SCREENSHOT_DIR`, created if missing), or undefined when none are wanted. */
export function screenshotDir(): string | undefined {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Shows the page at each size in turn, lets its layout settle, and calls `look`; the page
 * gets back the size it had before.
 */
export async function atEachScreenSize(
  page: Page,
  look: (size: ScreenSize) => Promise<void>,
  sizes: readonly ScreenSize[] = SCREEN_SIZES,
  settleMs = 300,
): Promise<void> {
  const before = page.viewportSize();
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.waitForTimeout(settleMs);
    await look(size);
  }
  if (before) await page.setViewportSize(before);
}

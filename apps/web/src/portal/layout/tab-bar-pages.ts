/** A phone's tab bar shows at most this many entries: below about 75 px a label no longer fits. */
export const TAB_BAR_MAX_ENTRIES = 5;

/**
 * The pages a phone's tab bar shows, and those it gathers under "More": all of them while they
 * fit, otherwise the first four and a More entry for the rest, in navigation order.
 */
export function splitForTabBar<Page>(pages: readonly Page[], maxEntries = TAB_BAR_MAX_ENTRIES): { bar: Page[]; more: Page[] } {
  if (pages.length <= maxEntries) return { bar: [...pages], more: [] };
  return { bar: pages.slice(0, maxEntries - 1), more: pages.slice(maxEntries - 1) };
}

/** Codes the browser names that are not countries a clinic can be in: groups, pseudo-locales, retired and reserved codes. */
const notCountries = new Set([
  'AC',
  'AN',
  'BU',
  'CP',
  'CS',
  'DD',
  'DG',
  'EA',
  'EU',
  'EZ',
  'FX',
  'IC',
  'QO',
  'SU',
  'TA',
  'TP',
  'UN',
  'XA',
  'XB',
  'YD',
  'YU',
  'ZR',
  'ZZ',
]);

let cached: { value: string; label: string }[] | undefined;

/**
 * ISO 3166-1 alpha-2 countries, named by the browser: { value: 'US', label: 'United States' }.
 * Browsers list no region codes, so every two-letter code is tried and the named ones kept.
 */
export function countryOptions(): { value: string; label: string }[] {
  if (cached) return cached;
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const options: { value: string; label: string }[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      const name = names.of(code);
      if (name && name !== code && !notCountries.has(code)) options.push({ value: code, label: name });
    }
  }
  cached = options.sort((a, b) => a.label.localeCompare(b.label));
  return cached;
}

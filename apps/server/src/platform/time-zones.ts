const supportedZones = new Set(Intl.supportedValuesOf('timeZone'));

/** True for an IANA zone name this runtime knows (e.g. America/New_York, Asia/Kolkata). */
export function isValidTimeZone(zone: string): boolean {
  if (supportedZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

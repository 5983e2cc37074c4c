import { createHash } from 'node:crypto';

/** Keys sorted at every depth and undefined members left out, so one body has one text. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const members = Object.entries(value)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
  return `{${members.join(',')}}`;
}

/**
 * The fingerprint stored with an Idempotency-Key: SHA-256 (hex) of the parsed request body
 * in canonical JSON. Bodies that differ only in the order of their fields, or in a field left
 * out versus sent with its default, have the same fingerprint.
 */
export function fingerprintRequest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * True when a request may replay what its Idempotency-Key did first: it carries the same body.
 * A key stored without a fingerprint (before fingerprints were kept) matches any body.
 */
export function isSameRequest(storedFingerprint: string | null, fingerprint: string): boolean {
  return storedFingerprint === null || storedFingerprint === fingerprint;
}

/**
 * Reads a JSON array of availability queries on stdin and prints the process's own UTC offset
 * on 2024-01-15 (proof that `TZ` took effect) and a snapshot of the engine's answers, so a test
 * can compare runs under different `TZ` settings.
 */
import type { AvailabilityQuery } from '../availability-types.js';
import { takeAvailabilitySnapshot } from './take-availability-snapshot.js';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const queries = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AvailabilityQuery[];
process.stdout.write(
  JSON.stringify({
    // The Date here is deliberate: it reads the process zone that the engine must ignore.
    processOffsetMinutes: -new Date('2024-01-15T00:00:00Z').getTimezoneOffset(),
    snapshots: queries.map(takeAvailabilitySnapshot),
  }),
);

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryAvailabilityQuery } from './testing/arbitrary-availability-query.js';
import { takeAvailabilitySnapshot } from './testing/take-availability-snapshot.js';

const PACKAGE_DIRECTORY = fileURLToPath(new URL('..', import.meta.url));
const SNAPSHOT_SCRIPT = fileURLToPath(new URL('./testing/print-availability-snapshots.ts', import.meta.url));

interface ChildOutput {
  processOffsetMinutes: number;
  snapshots: unknown;
}

function snapshotInChildProcess(processTimeZone: string, queriesJson: string): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SNAPSHOT_SCRIPT], {
      cwd: PACKAGE_DIRECTORY,
      env: { ...process.env, TZ: processTimeZone },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      if (exitCode === 0) resolve(JSON.parse(stdout) as ChildOutput);
      else reject(new Error(`snapshot script exited with ${String(exitCode)} under TZ=${processTimeZone}: ${stderr}`));
    });
    child.stdin.end(queriesJson);
  });
}

describe('findOpenSlots under different process time zones', () => {
  it('answers identically whatever TZ the process runs in', async () => {
    const queries = fc.sample(arbitraryAvailabilityQuery(), { numRuns: 80, seed: 20_240_310 });
    const queriesJson = JSON.stringify(queries);
    const expectedSnapshots: unknown = JSON.parse(JSON.stringify(queries.map(takeAvailabilitySnapshot)));
    // Each process zone with its UTC offset in January 2024 (Lord Howe is then on summer time).
    const processTimeZones = [
      { processTimeZone: 'Asia/Kolkata', offsetMinutes: 330 },
      { processTimeZone: 'America/Los_Angeles', offsetMinutes: -480 },
      { processTimeZone: 'Australia/Lord_Howe', offsetMinutes: 660 },
      { processTimeZone: 'UTC', offsetMinutes: 0 },
    ];

    const outputs = await Promise.all(processTimeZones.map(({ processTimeZone }) => snapshotInChildProcess(processTimeZone, queriesJson)));

    outputs.forEach((output, index) => {
      expect(output.processOffsetMinutes).toBe(processTimeZones[index]?.offsetMinutes);
      expect(output.snapshots).toEqual(expectedSnapshots);
    });
  }, 60_000);
});

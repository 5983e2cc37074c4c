import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const databaseUrl = 'postgres://glowdesk@db.internal:5432/glowdesk';

describe('loadConfig: GLOWDESK_PROCESSES', () => {
  it('runs one server process unless told otherwise', () => {
    expect(loadConfig({}).processes).toBe(1);
    expect(loadConfig({ DATABASE_URL: databaseUrl }).processes).toBe(1);
  });

  it('runs the given number of processes on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: databaseUrl, GLOWDESK_PROCESSES: '4' }).processes).toBe(4);
  });

  it("runs one process per core for 'auto' on PostgreSQL, and one on the embedded database", () => {
    expect(loadConfig({ DATABASE_URL: databaseUrl, GLOWDESK_PROCESSES: 'auto' }).processes).toBe(availableParallelism());
    expect(loadConfig({ GLOWDESK_PROCESSES: 'auto' }).processes).toBe(1);
  });

  it('refuses several processes on the embedded database, naming the variable', () => {
    expect(() => loadConfig({ GLOWDESK_PROCESSES: '2' })).toThrow(/GLOWDESK_PROCESSES: 2 processes need DATABASE_URL/);
  });

  it('refuses a count that is not a whole number from 1 to 64, naming the variable', () => {
    for (const value of ['0', '-1', '1.5', 'many', '65']) {
      expect(() => loadConfig({ DATABASE_URL: databaseUrl, GLOWDESK_PROCESSES: value })).toThrow(/GLOWDESK_PROCESSES/);
    }
  });
});

describe('loadConfig: DATABASE_POOL_SIZE', () => {
  it('keeps up to 10 connections per process unless told otherwise', () => {
    expect(loadConfig({ DATABASE_URL: databaseUrl }).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
  });

  it('refuses a size that is not a whole number from 1 to 100, naming the variable', () => {
    for (const value of ['0', '-3', '2.5', 'lots', '101']) {
      expect(() => loadConfig({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: value })).toThrow(
        /DATABASE_POOL_SIZE: expected a whole number from 1 to 100/,
      );
    }
  });
});

import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { fitProcessesToConnections, loadConfig } from './config.ts';

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

describe('fitProcessesToConnections', () => {
  const set = { processesAuto: false, databasePoolSize: 10 };

  it('keeps the processes asked for when their connections fit', () => {
    expect(fitProcessesToConnections({ ...set, processes: 9 }, 97)).toEqual({ processes: 9, lowered: false });
    expect(fitProcessesToConnections({ ...set, processes: 1 }, 10)).toEqual({ processes: 1, lowered: false });
  });

  it('refuses a number of processes whose connections exceed what PostgreSQL accepts, naming both variables', () => {
    expect(() => fitProcessesToConnections({ ...set, processes: 10 }, 97)).toThrow(
      /GLOWDESK_PROCESSES: 10 processes × DATABASE_POOL_SIZE 10 = 100 connections, but PostgreSQL accepts 97/,
    );
  });

  it("runs as many processes as fit for 'auto'", () => {
    expect(fitProcessesToConnections({ processes: 16, processesAuto: true, databasePoolSize: 10 }, 97)).toEqual({
      processes: 9,
      lowered: true,
    });
    expect(fitProcessesToConnections({ processes: 2, processesAuto: true, databasePoolSize: 10 }, 97)).toEqual({
      processes: 2,
      lowered: false,
    });
  });

  it('refuses a pool larger than PostgreSQL accepts even for one process, auto or not', () => {
    for (const processesAuto of [true, false]) {
      expect(() => fitProcessesToConnections({ processes: 1, processesAuto, databasePoolSize: 100 }, 97)).toThrow(
        /DATABASE_POOL_SIZE: 100 connections per process, but PostgreSQL accepts 97/,
      );
    }
  });
});

describe('loadConfig: PUBLIC_BASE_URL', () => {
  it('is required in production, where messages and invites name the address patients reach', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_BASE_URL.*required.*production/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://glow.example.com/' }).publicBaseUrl).toBe(
      'https://glow.example.com',
    );
  });

  it('is optional in development', () => {
    expect(loadConfig({}).publicBaseUrl).toBeUndefined();
  });

  it('refuses an address that is not an http(s) URL, naming the variable', () => {
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'glow.example.com' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://glow.example.com' })).toThrow(/PUBLIC_BASE_URL/);
  });
});

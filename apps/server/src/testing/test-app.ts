import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp, type GlowdeskApp } from '../app.ts';
import type { StaffActor } from '../platform/auth/access.ts';
import type { StaffRole } from '../platform/auth/roles.ts';
import { createManualClock, systemClock, type Clock } from '../platform/clock.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import { openDatabase, type Database } from '../platform/database.ts';
import { createFileStore } from '../platform/files/create-file-store.ts';
import type { FileStore } from '../platform/files/file-store.ts';
import { runMigrations } from '../platform/migrations.ts';

export const TEST_PASSWORD = 'correct horse battery';

export interface TestApp {
  app: GlowdeskApp;
  database: Database;
  config: Config;
}

/**
 * The HTTP app on a real database: a fresh in-memory PGlite per call, or the server in
 * DATABASE_URL (migrated once by global-setup). Closed after the test file.
 */
export async function createTestApp(
  options: {
    clock?: Clock;
    config?: Partial<Config>;
    logger?: FastifyServerOptions['logger'];
    /** Wraps the file store the configuration names (a folder of the test file's own by default), e.g. to make it fail. */
    wrapFileStore?: (store: FileStore) => FileStore;
  } = {},
): Promise<TestApp> {
  const databaseUrl = process.env.DATABASE_URL;
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://', poolSize: 4 });
  if (!databaseUrl) await runMigrations(database);
  // Test files share one database on PostgreSQL and all sign in from 127.0.0.1: a per-IP
  // throttle shared by the whole suite would make unrelated tests fail. Tests of the
  // throttle set their own limits and client addresses.
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl }),
    demo: false,
    loginMaxFailuresPerIp: 100_000,
    // Stored files (procedure photos) go to a folder of this test file's own, removed after it.
    fileStore: { store: 'data_folder', directory: join(tmpdir(), `glowdesk-test-files-${randomUUID()}`) },
    ...options.config,
  };
  const files = options.wrapFileStore ? createFileStore(config.fileStore) : undefined;
  const app = await buildApp({
    config,
    database,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? false,
    fileStore: files && options.wrapFileStore?.(files.fileStore),
  });
  afterAll(async () => {
    await app.close();
    files?.close();
    await database.close();
    if (options.config?.fileStore === undefined && config.fileStore.store === 'data_folder')
      await rm(config.fileStore.directory, { recursive: true, force: true });
  });
  return { app, database, config };
}

export { createManualClock };

export interface SignedInStaff {
  id: string;
  email: string;
  role: StaffRole;
  cookie: string;
  /** Headers for inject: the session cookie. */
  headers: Record<string, string>;
}

export interface TestPractice {
  practiceId: string;
  owner: SignedInStaff;
  ownerActor: StaffActor;
  /** Creates a staff member with the role and signs them in. */
  signInAs(role: StaffRole, overrides?: { email?: string; displayName?: string }): Promise<SignedInStaff>;
}

export function uniqueEmail(label = 'staff'): string {
  return `${label}-${randomUUID().slice(0, 12)}@test.glowdesk.app`;
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((candidate) => candidate.name === 'glowdesk_session');
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return `glowdesk_session=${cookie.value}`;
}

export async function signIn(app: GlowdeskApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  return sessionCookieOf(response);
}

/** Sets the practice's provider setting as its owner (false, the default, limits providers to their own appointments). */
export async function setProvidersManageAllAppointments(app: GlowdeskApp, practice: TestPractice, value: boolean): Promise<void> {
  const response = await app.inject({
    method: 'PATCH',
    url: '/api/v1/practice-settings',
    headers: practice.owner.headers,
    payload: { providersManageAllAppointments: value },
  });
  if (response.statusCode !== 200) throw new Error(`practice settings answered ${response.statusCode}: ${response.body}`);
}

/** A new practice with a signed-in owner; every test builds its own. */
export async function createTestPractice(app: GlowdeskApp, overrides: { name?: string; timezone?: string } = {}): Promise<TestPractice> {
  const ownerEmail = uniqueEmail('owner');
  const { practice, owner } = await app.services.identity.createPracticeWithOwner({
    practiceName: overrides.name ?? `Test Practice ${randomUUID().slice(0, 8)}`,
    timezone: overrides.timezone ?? 'America/New_York',
    ownerEmail,
    ownerName: 'Test Owner',
    password: TEST_PASSWORD,
  });
  const ownerCookie = await signIn(app, ownerEmail);
  const ownerActor: StaffActor = {
    kind: 'staff',
    staffId: owner.id,
    practiceId: practice.id,
    role: 'owner',
    email: owner.email,
    displayName: owner.displayName,
    sessionTokenHash: 'test',
  };
  return {
    practiceId: practice.id,
    owner: { id: owner.id, email: ownerEmail, role: 'owner', cookie: ownerCookie, headers: { cookie: ownerCookie } },
    ownerActor,
    async signInAs(role, memberOverrides = {}) {
      const email = memberOverrides.email ?? uniqueEmail(role);
      const member = await app.services.identity.createStaff(
        ownerActor,
        { email, displayName: memberOverrides.displayName ?? `Test ${role}`, role, password: TEST_PASSWORD },
        { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' },
      );
      const cookie = await signIn(app, email);
      return { id: member.id, email, role, cookie, headers: { cookie } };
    },
  };
}

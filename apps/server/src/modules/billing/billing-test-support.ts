import type { FastifyServerOptions } from 'fastify';
import { afterAll, expect } from 'vitest';
import { buildApp, type GlowdeskApp } from '../../app.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import { loadConfig, type Config } from '../../platform/config.ts';
import { openDatabase, type Database } from '../../platform/database.ts';
import { runMigrations } from '../../platform/migrations.ts';
import type { TestPractice } from '../../testing/test-app.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import { createSimulatedGateway, type TokenRateLimit } from './simulated-gateway.ts';

export interface BillingTestApp {
  app: GlowdeskApp;
  database: Database;
  config: Config;
  gateway: PaymentGateway;
}

/**
 * Like createTestApp, with the payment gateway and logger chosen by the test (the simulated
 * gateway by default). Closed after the test file.
 */
export async function createBillingTestApp(
  options: {
    gateway?: (deps: { database: Database; clock: Clock }) => PaymentGateway;
    tokenRateLimit?: TokenRateLimit;
    logger?: FastifyServerOptions['logger'];
    clock?: Clock;
  } = {},
): Promise<BillingTestApp> {
  const databaseUrl = process.env.DATABASE_URL;
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://', poolSize: 4 });
  if (!databaseUrl) await runMigrations(database);
  const clock = options.clock ?? systemClock;
  const config: Config = { ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl }), demo: false };
  const gateway =
    options.gateway?.({ database, clock }) ??
    createSimulatedGateway({ database, clock, tokenRateLimit: options.tokenRateLimit ?? { maxAttempts: 1000, windowSeconds: 60 } });
  const app = await buildApp({ config, database, clock, paymentGateway: gateway, logger: options.logger ?? false });
  afterAll(async () => {
    await app.close();
    await database.close();
  });
  return { app, database, config, gateway };
}

export async function createPatient(
  app: GlowdeskApp,
  practice: TestPractice,
  name = { firstName: 'Maya', lastName: 'Lopez' },
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers: practice.owner.headers,
    payload: { ...name, email: `${name.firstName.toLowerCase()}.${name.lastName.toLowerCase()}@example.com` },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** Tokenizes a card at the simulated gateway's own endpoint, as the browser does. */
export async function tokenizeCard(
  app: GlowdeskApp,
  card: { number: string; expMonth?: number; expYear?: number; cvc?: string; postalCode?: string },
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/simulated-gateway/v1/tokens',
    payload: { expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123', ...card },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ token: string }>().token;
}

export interface PaymentMethodBody {
  id: string;
  patientId: string;
  gateway: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
  createdAt: string;
}

export async function addCard(
  app: GlowdeskApp,
  practice: TestPractice,
  patientId: string,
  gatewayToken: string,
  extra: { makeDefault?: boolean } = {},
): Promise<PaymentMethodBody> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/patients/${patientId}/payment-methods`,
    headers: practice.owner.headers,
    payload: { gatewayToken, ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<PaymentMethodBody>();
}

export async function listCards(app: GlowdeskApp, practice: TestPractice, patientId: string): Promise<PaymentMethodBody[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/patients/${patientId}/payment-methods`,
    headers: practice.owner.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: PaymentMethodBody[] }>().items;
}

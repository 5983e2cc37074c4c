// A server of a spec's own, with the demo practice and an SMTP server in this process, for the
// flows that read what the product emails (a portal sign-in code, a booking confirmation).
// The shared e2e server sends no mail anywhere a test can read.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { startTestSmtpServer, type TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import { startServerProcess, type ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { postJson } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD } from './sign-in.ts';

const root = resolve(import.meta.dirname, '..');

export interface DemoServerWithMail {
  smtp: TestSmtpServer;
  server: ServerProcess;
  /** The demo owner, signed in through the API. */
  staff: APIRequestContext;
  stop(): Promise<void>;
}

/** Runs the server's command line (`seed-demo`, `create-owner`, …) on a data folder. */
export type ServerCli = (args: string[], environment?: Record<string, string>) => Promise<void>;

/**
 * Loads the demo practice into a fresh data folder (without the server's start-up timeout: it
 * takes a while on a busy machine), runs `prepare` on the same folder when given, then starts
 * the server with its mail going to an SMTP server in this process.
 */
export async function startDemoServerWithMail(label: string, prepare?: (cli: ServerCli) => Promise<void>): Promise<DemoServerWithMail> {
  const smtp = await startTestSmtpServer();
  const dataDir = mkdtempSync(join(tmpdir(), `glowdesk-e2e-${label}-`));
  const { DATABASE_URL: _sharedDatabase, ...inherited } = process.env;
  const cli: ServerCli = async (args, environment = {}) => {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', ...args], {
      cwd: root,
      env: { ...inherited, GLOWDESK_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...environment },
      maxBuffer: 16 * 1024 * 1024,
    });
  };
  let server: ServerProcess | undefined;
  let staff: APIRequestContext | undefined;
  const stop = async () => {
    await staff?.dispose();
    await server?.stop();
    await smtp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await cli(['seed-demo']);
    await prepare?.(cli);
    server = await startServerProcess({
      GLOWDESK_DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      LOG_LEVEL: 'warn',
      GLOWDESK_DEMO: '0',
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Lumière Aesthetics <hello@demo.glowdesk.app>',
      WEB_DIST_DIR: resolve(root, process.env.E2E_WEB_OUT_DIR ?? 'apps/web/dist'),
    });
    staff = await playwrightRequest.newContext({ baseURL: server.baseUrl });
    await postJson(staff, '/api/v1/auth/login', { email: DEMO_OWNER.email, password: DEMO_PASSWORD });
    return { smtp, server, staff, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The six-digit code in the newest email to the address after the first `after` messages, once it arrives. */
export async function emailedCode(smtp: TestSmtpServer, email: string, after: number, timeout = 30_000): Promise<string> {
  const toAddress = () => smtp.received.slice(after).filter((message) => message.envelopeTo.includes(email));
  await expect.poll(() => toAddress().length, { timeout }).toBeGreaterThan(0);
  const code = toAddress()
    .at(-1)
    ?.parsed?.text?.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error(`the email to ${email} holds no code`);
  return code;
}

import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Connections per server process to PostgreSQL unless DATABASE_POOL_SIZE says otherwise. More only add contention on a small server: a booking holds one for three round trips. */
export const DEFAULT_POOL_SIZE = 10;

const poolSizeError = { error: 'expected a whole number from 1 to 100' };

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url().optional(),
  DATABASE_POOL_SIZE: z.coerce
    .number(poolSizeError)
    .int(poolSizeError)
    .min(1, poolSizeError)
    .max(100, poolSizeError)
    .default(DEFAULT_POOL_SIZE),
  GLOWDESK_DATA_DIR: z.string().min(1).default('./.data'),
  GLOWDESK_DEMO: booleanFlag.optional(),
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  PORTAL_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(15),
  PORTAL_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(4),
  PORTAL_CODE_RESEND_SECONDS: z.coerce.number().int().min(0).default(60),
  PORTAL_CODE_SENDS_PER_CONTACT_PER_HOUR: z.coerce.number().int().positive().default(5),
  PORTAL_CODE_SENDS_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(30),
  TRUST_PROXY: booleanFlag.default(false),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://clinic.example.com' }).optional(),
  WEB_DIST_DIR: z.string().optional(),
  GLOWDESK_PROCESSES: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], { error: "expected a whole number from 1 to 64, or 'auto'" })
    .default(1),
});

export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL server; when absent the embedded database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /** Connections each server process keeps to `databaseUrl` at most. */
  databasePoolSize: number;
  dataDir: string;
  /** Load demo data into an empty database on start. */
  demo: boolean;
  production: boolean;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginFailureWindowMinutes: number;
  /** Patient portal sessions: signed out after this long without a request, and this long after sign-in at the latest. */
  portalSessionIdleMinutes: number;
  portalSessionAbsoluteHours: number;
  /** The least time between two sign-in codes for one phone or email (Resend). */
  portalCodeResendSeconds: number;
  /** Sign-in codes sent per phone or email, and requested per client address, in one hour at one practice. */
  portalCodeSendsPerContactPerHour: number;
  portalCodeSendsPerIpPerHour: number;
  trustProxy: boolean;
  /**
   * The address people reach Glowdesk at (no trailing slash): calendar invites name its host.
   * Required in production, where a default would send patients to localhost.
   */
  publicBaseUrl: string | undefined;
  webDistDir: string | undefined;
  /**
   * Server processes `start` runs, sharing the port (Node serves requests on one thread per
   * process; a machine with several cores serves more with several processes). Above 1 only
   * with `databaseUrl`: the embedded database belongs to one process.
   */
  processes: number;
  /** `processes` was 'auto': one per core, which `fitProcessesToConnections` may lower. */
  processesAuto: boolean;
}

/** Reads configuration from the environment; throws naming the variable at fault. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  // 'auto': one per core, or the one the embedded database allows.
  const processes =
    env.GLOWDESK_PROCESSES === 'auto' ? (env.DATABASE_URL === undefined ? 1 : availableParallelism()) : env.GLOWDESK_PROCESSES;
  if (processes > 1 && env.DATABASE_URL === undefined) {
    throw new Error(
      `Invalid configuration: GLOWDESK_PROCESSES: ${processes} processes need DATABASE_URL (the embedded database belongs to one process)`,
    );
  }
  const production = env.NODE_ENV === 'production';
  if (production && env.PUBLIC_BASE_URL === undefined) {
    throw new Error(
      'Invalid configuration: PUBLIC_BASE_URL: required when NODE_ENV=production. Set it to the address patients and staff reach Glowdesk at, e.g. https://clinic.example.com',
    );
  }
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    dataDir: resolve(env.GLOWDESK_DATA_DIR),
    demo: env.GLOWDESK_DEMO ?? env.DATABASE_URL === undefined,
    production,
    logLevel: env.LOG_LEVEL,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
    loginMaxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
    loginFailureWindowMinutes: env.LOGIN_FAILURE_WINDOW_MINUTES,
    portalSessionIdleMinutes: env.PORTAL_SESSION_IDLE_MINUTES,
    portalSessionAbsoluteHours: env.PORTAL_SESSION_ABSOLUTE_HOURS,
    portalCodeResendSeconds: env.PORTAL_CODE_RESEND_SECONDS,
    portalCodeSendsPerContactPerHour: env.PORTAL_CODE_SENDS_PER_CONTACT_PER_HOUR,
    portalCodeSendsPerIpPerHour: env.PORTAL_CODE_SENDS_PER_IP_PER_HOUR,
    trustProxy: env.TRUST_PROXY,
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    webDistDir: env.WEB_DIST_DIR,
    processes,
    processesAuto: env.GLOWDESK_PROCESSES === 'auto',
  };
}

/**
 * How many server processes to run when PostgreSQL accepts `allowedConnections` from this
 * server (its max_connections less the slots it reserves), each process keeping up to
 * `databasePoolSize`. More than that would fail requests under load with PostgreSQL's
 * "too many clients", so it is refused at start, naming the variables to change; 'auto'
 * runs as many processes as fit instead.
 */
export function fitProcessesToConnections(
  config: Pick<Config, 'processes' | 'processesAuto' | 'databasePoolSize'>,
  allowedConnections: number,
): { processes: number; lowered: boolean } {
  const { processes, processesAuto, databasePoolSize } = config;
  if (databasePoolSize > allowedConnections) {
    throw new Error(
      `Invalid configuration: DATABASE_POOL_SIZE: ${databasePoolSize} connections per process, but PostgreSQL accepts ${allowedConnections} (its max_connections less its reserved connections); lower DATABASE_POOL_SIZE or raise max_connections`,
    );
  }
  if (processes * databasePoolSize <= allowedConnections) return { processes, lowered: false };
  if (processesAuto) return { processes: Math.floor(allowedConnections / databasePoolSize), lowered: true };
  throw new Error(
    `Invalid configuration: GLOWDESK_PROCESSES: ${processes} processes × DATABASE_POOL_SIZE ${databasePoolSize} = ${processes * databasePoolSize} connections, but PostgreSQL accepts ${allowedConnections} (its max_connections less its reserved connections); run fewer processes, lower DATABASE_POOL_SIZE or raise max_connections`,
  );
}

import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Connections per server process to PostgreSQL unless DATABASE_POOL_SIZE says otherwise. More only add contention on a small server: a booking holds one for three round trips. */
export const DEFAULT_POOL_SIZE = 10;

const poolSizeError = { error: 'expected a whole number from 1 to 100' };

/** An unset variable and an empty one mean the same: not configured. */
const optionalSetting = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

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
  PUBLIC_AVAILABILITY_SEARCHES_PER_IP_PER_MINUTE: z.coerce.number().int().positive().default(60),
  TRUST_PROXY: booleanFlag.default(false),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://clinic.example.com' }).optional(),
  WEB_DIST_DIR: z.string().optional(),
  GLOWDESK_PROCESSES: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], { error: "expected a whole number from 1 to 64, or 'auto'" })
    .default(1),
  SMTP_URL: optionalSetting(z.string().regex(/^smtps?:\/\/[^\s]+$/, { message: 'Must be an smtp:// or smtps:// URL.' })),
  SMTP_FROM: optionalSetting(z.string().min(3).max(300)),
  TWILIO_ACCOUNT_SID: optionalSetting(z.string().regex(/^AC[0-9a-fA-F]{32}$/, { message: 'Must be a Twilio account SID (AC…).' })),
  TWILIO_AUTH_TOKEN: optionalSetting(z.string().min(1).max(200)),
  TWILIO_FROM: optionalSetting(
    z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, { message: 'Must be an E.164 number or a Messaging Service SID (MG…).' }),
  ),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, { message: 'must be a Stripe secret or restricted key (sk_… or rk_…)' })
    .optional(),
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, { message: 'must be a Stripe publishable key (pk_…)' })
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, { message: 'must be a Stripe webhook signing secret (whsec_…)' })
    .optional(),
  /** Another Stripe API origin, e.g. stripe-mock or the test fake; absent in production. */
  STRIPE_API_URL: z.url().optional(),
  GLOWDESK_FILES_DIR: optionalSetting(z.string().min(1)),
  S3_ENDPOINT: optionalSetting(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://s3.example.com' })),
  S3_BUCKET: optionalSetting(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'Must be a bucket name (3–63 lower-case letters, digits, dots, hyphens).' }),
  ),
  S3_REGION: optionalSetting(z.string().regex(/^[a-z0-9-]{2,40}$/, { message: 'Must be a region name such as us-east-1.' })),
  S3_ACCESS_KEY_ID: optionalSetting(z.string().min(1).max(200)),
  S3_SECRET_ACCESS_KEY: optionalSetting(z.string().min(1).max(200)),
});

/** An SMTP server to send email through (SMTP_URL, SMTP_FROM). */
export interface SmtpSettings {
  url: string;
  from: string;
}

/** A Twilio account to send SMS through (TWILIO_*). */
export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from: string;
}

/**
 * Where stored files (procedure photos) go: a folder on this machine by default, an
 * S3-compatible bucket when S3_BUCKET is set.
 */
export type FileStoreConfig =
  | { store: 'data_folder'; directory: string }
  | {
      store: 's3';
      bucket: string;
      region: string;
      /** Another S3-compatible service (MinIO, Ceph, R2…), addressed path-style; absent for AWS S3 itself. */
      endpoint: string | undefined;
      /** Both or neither; without them the AWS SDK's own credential chain (instance role, profile) is used. */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

/** Stripe when STRIPE_SECRET_KEY is set, the built-in simulated gateway otherwise. */
export type PaymentGatewayConfig =
  | { gateway: 'simulated' }
  | { gateway: 'stripe'; secretKey: string; publishableKey: string; webhookSecret: string | undefined; apiUrl: string | undefined };

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
  /** Availability searches the public booking page may run per client address and minute, in each server process. */
  publicAvailabilitySearchesPerIpPerMinute: number;
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
  /** Email leaves through this server; without it email is held in the outbox. */
  smtp: SmtpSettings | undefined;
  /** SMS leaves through Twilio; without it SMS is held in the outbox. */
  twilio: TwilioSettings | undefined;
  paymentGateway: PaymentGatewayConfig;
  fileStore: FileStoreConfig;
  /**
   * The organizer address of calendar invites: the address in SMTP_FROM (`Name <a@b>` or
   * `a@b`), else `appointments@<PUBLIC_BASE_URL host>`, else `appointments@localhost`.
   */
  calendarOrganizerEmail: string;
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
  if (env.SMTP_URL && !env.SMTP_FROM) throw new Error('Invalid configuration: SMTP_FROM is required with SMTP_URL.');
  const twilioSettings = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_FROM];
  const twilioCount = twilioSettings.filter((value) => value !== undefined).length;
  if (twilioCount > 0 && twilioCount < twilioSettings.length) {
    throw new Error('Invalid configuration: set all of TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM, or none.');
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
    publicAvailabilitySearchesPerIpPerMinute: env.PUBLIC_AVAILABILITY_SEARCHES_PER_IP_PER_MINUTE,
    trustProxy: env.TRUST_PROXY,
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    webDistDir: env.WEB_DIST_DIR,
    processes,
    processesAuto: env.GLOWDESK_PROCESSES === 'auto',
    smtp: env.SMTP_URL && env.SMTP_FROM ? { url: env.SMTP_URL, from: env.SMTP_FROM } : undefined,
    twilio:
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
        ? { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, from: env.TWILIO_FROM }
        : undefined,
    paymentGateway: paymentGatewayOf(env),
    fileStore: fileStoreOf(env),
    calendarOrganizerEmail: calendarOrganizerOf(env.SMTP_FROM, env.PUBLIC_BASE_URL),
  };
}

function paymentGatewayOf(env: z.infer<typeof environmentSchema>): PaymentGatewayConfig {
  if (!env.STRIPE_SECRET_KEY) {
    if (env.STRIPE_PUBLISHABLE_KEY || env.STRIPE_WEBHOOK_SECRET) {
      throw new Error('Invalid configuration: STRIPE_SECRET_KEY is required when STRIPE_PUBLISHABLE_KEY or STRIPE_WEBHOOK_SECRET is set');
    }
    return { gateway: 'simulated' };
  }
  if (!env.STRIPE_PUBLISHABLE_KEY) throw new Error('Invalid configuration: STRIPE_PUBLISHABLE_KEY is required with STRIPE_SECRET_KEY');
  return {
    gateway: 'stripe',
    secretKey: env.STRIPE_SECRET_KEY,
    publishableKey: env.STRIPE_PUBLISHABLE_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    apiUrl: env.STRIPE_API_URL,
  };
}

function fileStoreOf(env: z.infer<typeof environmentSchema>): FileStoreConfig {
  const hasKeyId = env.S3_ACCESS_KEY_ID !== undefined;
  if (hasKeyId !== (env.S3_SECRET_ACCESS_KEY !== undefined)) {
    throw new Error('Invalid configuration: set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither.');
  }
  if (!env.S3_BUCKET) {
    if (env.S3_ENDPOINT || env.S3_REGION || hasKeyId) {
      throw new Error('Invalid configuration: S3_BUCKET is required with S3_ENDPOINT, S3_REGION or S3 credentials.');
    }
    return { store: 'data_folder', directory: resolve(env.GLOWDESK_FILES_DIR ?? join(env.GLOWDESK_DATA_DIR, 'files')) };
  }
  return {
    store: 's3',
    bucket: env.S3_BUCKET,
    region: env.S3_REGION ?? 'us-east-1',
    endpoint: env.S3_ENDPOINT?.replace(/\/+$/, ''),
    credentials:
      env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined,
  };
}

function calendarOrganizerOf(smtpFrom: string | undefined, publicBaseUrl: string | undefined): string {
  const from = smtpFrom?.trim() ?? '';
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? (/^[^<>\s]+@[^<>\s]+$/.test(from) ? from : undefined);
  if (address) return address;
  const host = /^https?:\/\/([^/:\s]+)/.exec(publicBaseUrl?.trim() ?? '')?.[1] ?? 'localhost';
  return `appointments@${host}`;
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

import { randomUUID } from 'node:crypto';
import type { MessageChannel } from '@glowdesk/contracts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { asPlatform } from '../../platform/tenancy.ts';
import * as delivery from './delivery-repository.ts';
import type { ClaimedMessage, SentOutcome } from './delivery-repository.ts';
import { closeTransports, configuredChannels, DeliveryError, type DeliveryReceipt, type MessageTransports } from './message-transports.ts';

export interface RetryBackoff {
  /** Wait after the first failed attempt. */
  baseDelayMs: number;
  /** The wait never grows past this. */
  maxDelayMs: number;
}

/** 30 s, 1, 2, 4 … minutes, capped at an hour: ten attempts span about three hours of outage. */
export const defaultRetryBackoff: RetryBackoff = { baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

/** How long to wait after the given (1-based) failed attempt before the next one. */
export function retryDelayMs(failedAttempt: number, backoff: RetryBackoff = defaultRetryBackoff): number {
  const exponent = Math.min(Math.max(failedAttempt - 1, 0), 30);
  return Math.min(backoff.baseDelayMs * 2 ** exponent, backoff.maxDelayMs);
}

/** The subset of a pino logger the worker writes to. */
export interface DeliveryLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const silentLogger: DeliveryLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface MessageDeliveryWorkerOptions {
  database: Database;
  /** The providers to deliver through; the worker closes them when it stops. */
  transports: MessageTransports;
  clock?: Clock;
  /** Pause between polls when the queue is empty. */
  pollIntervalMs?: number;
  /** Messages claimed per database round trip. */
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** How long a claim lasts; must comfortably exceed the transports' own timeouts. */
  leaseMs?: number;
  backoff?: RetryBackoff;
  logger?: DeliveryLogger;
  /**
   * Serve only these practices' messages. Tests that share one database set it so their
   * workers never take each other's messages; production workers serve every practice.
   */
  onlyPractices?: readonly string[];
}

export interface DeliveryPassResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  held: number;
  released: number;
}

export interface MessageDeliveryWorker {
  /** Starts polling; returns at once. */
  start(): void;
  /** Stops polling, waits for the sends in flight to be recorded, and closes the transports. */
  stop(): Promise<void>;
  /** Runs one claim-send-record pass now (tests drive the worker with this). */
  deliverDueMessages(): Promise<DeliveryPassResult>;
  readonly running: boolean;
}

const holdReasons: Record<MessageChannel, string> = {
  email: 'Held: no email provider is configured (set SMTP_URL and SMTP_FROM). A resend sends it once one is.',
  sms: 'Held: no SMS provider is configured (set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM). A resend sends it once one is.',
};

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 2000 ? `${text.slice(0, 1997)}...` : text;
}

/** Runs `work` over the items with at most `limit` in flight. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(lanes);
}

/** Runs `work`, trying again twice after short pauses when it throws. */
async function withRetries<T>(work: () => Promise<T>, pausesMs: readonly number[] = [200, 1_000]): Promise<T> {
  for (const pauseMs of pausesMs) {
    try {
      return await work();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  return work();
}

type Outcome = { kind: 'sent'; receipt: DeliveryReceipt } | { kind: 'error'; error: unknown };

/**
 * Delivers the outbox: claims due messages (FOR UPDATE SKIP LOCKED, so processes share
 * the work and never take the same message), sends them, and records each outcome. A
 * failure is retried with exponential backoff until `max_attempts`; a permanent refusal
 * fails at once. See docs/decisions/005-message-delivery.md.
 */
export function createMessageDeliveryWorker(options: MessageDeliveryWorkerOptions): MessageDeliveryWorker {
  const { database, transports } = options;
  const clock = options.clock ?? systemClock;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 10;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const backoff = options.backoff ?? defaultRetryBackoff;
  const logger = options.logger ?? silentLogger;
  const scope = options.onlyPractices;
  const sendingChannels = configuredChannels(transports);
  const holdingChannels = (['email', 'sms'] as const).filter((channel) => !sendingChannels.includes(channel));

  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  // One pass at a time in this process: a manual pass waits for the loop's and vice versa.
  let passChain: Promise<unknown> = Promise.resolve();

  async function send(message: ClaimedMessage): Promise<DeliveryReceipt> {
    switch (message.channel) {
      case 'email': {
        if (!transports.email) throw new DeliveryError('No email provider is configured.', { permanent: false });
        return transports.email.sendEmail({
          messageId: message.id,
          to: message.toAddress,
          subject: message.subject ?? '',
          textBody: message.textBody,
          htmlBody: message.htmlBody,
          attachments: message.attachments,
        });
      }
      case 'sms': {
        if (!transports.sms) throw new DeliveryError('No SMS provider is configured.', { permanent: false });
        return transports.sms.sendSms({ messageId: message.id, to: message.toAddress, body: message.textBody });
      }
      default: {
        const unknown: never = message.channel;
        throw new DeliveryError(`Unknown channel ${String(unknown)}.`, { permanent: true });
      }
    }
  }

  async function runPass(): Promise<DeliveryPassResult> {
    const result: DeliveryPassResult = { claimed: 0, sent: 0, retried: 0, failed: 0, held: 0, released: 0 };
    const claimedAt = clock.now();
    const claimToken = randomUUID();
    const claimed = await asPlatform(database, async (tx) => {
      result.released = await delivery.releaseExpiredLeases(tx, claimedAt, scope);
      if (holdingChannels.length > 0) {
        result.held = await delivery.holdDueMessages(tx, {
          channels: holdingChannels,
          now: claimedAt,
          scope,
          reasonOf: (channel) => holdReasons[channel],
        });
      }
      if (sendingChannels.length === 0) return [];
      return delivery.claimDueMessages(tx, {
        channels: sendingChannels,
        now: claimedAt,
        scope,
        leaseUntil: new Date(claimedAt.getTime() + leaseMs),
        claimToken,
        limit: batchSize,
      });
    });
    result.claimed = claimed.length;
    if (result.released > 0) logger.warn({ released: result.released }, 'took back messages whose delivery was interrupted');
    if (claimed.length === 0) return result;

    const outcomes = new Map<ClaimedMessage, Outcome>();
    await forEachLimited(claimed, concurrency, async (message) => {
      try {
        outcomes.set(message, { kind: 'sent', receipt: await send(message) });
      } catch (error) {
        outcomes.set(message, { kind: 'error', error });
      }
    });

    const recordedAt = clock.now();
    const sent: SentOutcome[] = [];
    const retries: { key: { practiceId: string; id: string }; nextAttemptAt: Date; reason: string }[] = [];
    const failures: { key: { practiceId: string; id: string }; reason: string }[] = [];
    for (const message of claimed) {
      const outcome = outcomes.get(message);
      const key = { practiceId: message.practiceId, id: message.id };
      if (outcome?.kind === 'sent') {
        sent.push({ ...key, providerMessageId: outcome.receipt.providerMessageId });
        continue;
      }
      const error = outcome?.error;
      const permanent = error instanceof DeliveryError && error.permanent;
      const reason = errorText(error);
      if (!permanent && message.attempts < message.maxAttempts) {
        const nextAttemptAt = new Date(recordedAt.getTime() + retryDelayMs(message.attempts, backoff));
        retries.push({ key, nextAttemptAt, reason });
        logger.warn(
          { messageId: message.id, attempt: message.attempts, nextAttemptAt, err: reason },
          'message delivery failed; will retry',
        );
      } else {
        failures.push({ key, reason: permanent ? reason : `${reason} (gave up after ${message.attempts} attempts)` });
        logger.error({ messageId: message.id, attempt: message.attempts, err: reason }, 'message delivery failed for good');
      }
    }

    // Until this commits the messages stay claimed, and once their lease runs out another
    // pass would send them again: a brief database hiccup here is worth a few retries.
    const recorded = await withRetries(() =>
      asPlatform(database, async (tx) => {
        let retried = 0;
        let failed = 0;
        for (const retry of retries)
          if (await delivery.scheduleRetry(tx, claimToken, retry.key, retry.nextAttemptAt, retry.reason)) retried += 1;
        for (const failure of failures) if (await delivery.markFailed(tx, claimToken, failure.key, failure.reason)) failed += 1;
        return { sent: await delivery.markSent(tx, claimToken, recordedAt, sent), retried, failed };
      }),
    );
    Object.assign(result, recorded);
    if (recorded.sent < sent.length) {
      // The lease ran out mid-send and another worker took the messages over.
      logger.error({ expected: sent.length, recorded: recorded.sent }, 'some sends finished after their lease expired');
    }
    return result;
  }

  function deliverDueMessages(): Promise<DeliveryPassResult> {
    const pass = passChain.then(runPass, runPass);
    passChain = pass.catch(() => undefined);
    return pass;
  }

  function pause(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      wake = resolve;
      pollTimer = setTimeout(resolve, milliseconds);
    });
  }

  async function pollUntilStopped(): Promise<void> {
    while (running) {
      let backlog = false;
      try {
        const result = await deliverDueMessages();
        backlog = result.claimed === batchSize;
      } catch (error) {
        logger.error({ err: errorText(error) }, 'message delivery pass failed; polling again');
      }
      if (running && !backlog) await pause(pollIntervalMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      if (sendingChannels.length < 2) logger.info({ holding: holdingChannels }, 'messages of channels without a provider are held');
      loop = pollUntilStopped();
    },
    async stop() {
      if (running) {
        running = false;
        clearTimeout(pollTimer);
        wake?.();
        await loop;
      }
      await passChain;
      await closeTransports(transports);
    },
    deliverDueMessages,
    get running() {
      return running;
    },
  };
}

/**
 * An SMTP server on 127.0.0.1 for tests and the benchmark (never imported by the app):
 * it receives real SMTP conversations, parses each message with mailparser, and can be
 * told to refuse recipients or to go away, to simulate an outage.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  envelopeTo: string[];
  raw: Buffer;
  /** Absent when the server was started with `parse: false`. */
  parsed: ParsedMail | undefined;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  readonly url: string;
  readonly received: ReceivedEmail[];
  /** While set, every RCPT TO is answered with this reply (e.g. 451 for a temporary outage). */
  refuseRecipients(reply: { code: number; message: string } | null): void;
  /** How many RCPT TO commands were refused so far. */
  readonly refusals: number;
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  /** Stops listening (connections are refused) until `start` is called again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startTestSmtpServer(options: { parse?: boolean } = {}): Promise<TestSmtpServer> {
  const parse = options.parse ?? true;
  const received: ReceivedEmail[] = [];
  let refusal: { code: number; message: string } | null = null;
  let refusals = 0;
  let port = 0;
  let server: SMTPServer | undefined;

  function createServer(): SMTPServer {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 50,
      size: 10 * 1024 * 1024,
      onRcptTo(_address, _session, callback) {
        if (refusal) {
          refusals += 1;
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address);
          if (!parse) {
            received.push({ envelopeTo, raw, parsed: undefined });
            callback(null, `Message queued as test${received.length}`);
            return;
          }
          simpleParser(raw).then(
            (parsed) => {
              received.push({ envelopeTo, raw, parsed });
              callback(null, `Message queued as test${received.length}`);
            },
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
        });
      },
    });
  }

  async function start(): Promise<void> {
    const next = createServer();
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      const listener = next.listen(port, '127.0.0.1', () => {
        port = (listener.address() as AddressInfo).port;
        resolve();
      });
    });
    next.on('error', () => undefined);
    server = next;
  }

  await start();

  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    received,
    get refusals() {
      return refusals;
    },
    refuseRecipients(reply) {
      refusal = reply;
    },
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} emails, received ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received;
    },
    async stop() {
      const current = server;
      server = undefined;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    start,
  };
}

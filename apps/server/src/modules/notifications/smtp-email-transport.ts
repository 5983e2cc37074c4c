import nodemailer from 'nodemailer';
import { DeliveryError, type DeliveryReceipt, type EmailToSend, type EmailTransport } from './message-transports.ts';

export interface SmtpEmailTransportOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  url: string;
  /** The From header, e.g. `Glow Clinic <appointments@glowclinic.com>`. */
  from: string;
  /** Parallel SMTP connections. */
  maxConnections?: number;
  /** Milliseconds to wait for a connection, the greeting and each reply before giving up. */
  timeoutMs?: number;
}

function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'smtp';
  }
}

function domainOf(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'glowdesk.invalid';
}

/** The SMTP reply code of a nodemailer error, if the server answered at all. */
function smtpResponseCode(error: unknown): number | undefined {
  const code = (error as { responseCode?: unknown } | undefined)?.responseCode;
  return typeof code === 'number' ? code : undefined;
}

/** Email over SMTP with a small connection pool; 5xx replies are permanent, everything else is retried. */
export function createSmtpEmailTransport(options: SmtpEmailTransportOptions): EmailTransport {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const transporter = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 2,
    // Attachments arrive as bytes from the outbox; never let content name a file or URL to read.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const messageIdDomain = domainOf(options.from);

  return {
    description: describe(options.url),
    async sendEmail(email: EmailToSend): Promise<DeliveryReceipt> {
      try {
        const info = await transporter.sendMail({
          from: options.from,
          to: email.to,
          subject: email.subject,
          text: email.textBody,
          ...(email.htmlBody === null ? {} : { html: email.htmlBody }),
          // The same id on every attempt: a receiving server or client can drop a repeat.
          messageId: `<${email.messageId}@${messageIdDomain}>`,
          attachments: email.attachments.map((attachment) => ({
            filename: attachment.filename,
            contentType: attachment.contentType,
            content: attachment.content,
          })),
        });
        const response = typeof info.response === 'string' ? info.response : '';
        const queued = /queued as ([A-Za-z0-9._-]+)/i.exec(response);
        return { providerMessageId: queued?.[1] ?? info.messageId ?? null };
      } catch (error) {
        const responseCode = smtpResponseCode(error);
        const reason = error instanceof Error ? error.message : String(error);
        throw new DeliveryError(`SMTP: ${reason}`, { permanent: responseCode !== undefined && responseCode >= 500, cause: error });
      }
    },
    async close() {
      transporter.close();
    },
  };
}

import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { DeliveryError, type DeliveryReceipt, type SmsToSend, type SmsTransport } from './message-transports.ts';

export interface TwilioSmsTransportOptions {
  accountSid: string;
  authToken: string;
  /** The sending number in E.164 form, or a Messaging Service SID (`MG…`). */
  from: string;
  /**
   * Sends every API request to this origin instead of Twilio's (tests point it at an
   * in-process fake, e.g. `http://127.0.0.1:4010`).
   */
  apiBaseUrl?: string | undefined;
  timeoutMs?: number;
}

/** Rewrites the SDK's `https://api.twilio.com/...` request URLs onto another origin. */
class RedirectingRequestClient extends twilio.RequestClient {
  readonly #origin: URL;
  constructor(origin: string, timeoutMs: number) {
    super({ timeout: timeoutMs });
    this.#origin = new URL(origin);
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri);
    target.protocol = this.#origin.protocol;
    target.host = this.#origin.host;
    return super.request<TData>({ ...opts, uri: target.href });
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** SMS through Twilio's Messages API; a 4xx refusal (bad number, opted out) is permanent. */
export function createTwilioSmsTransport(options: TwilioSmsTransportOptions): SmsTransport {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const client = twilio(options.accountSid, options.authToken, {
    timeout: timeoutMs,
    ...(options.apiBaseUrl ? { httpClient: new RedirectingRequestClient(options.apiBaseUrl, timeoutMs) } : {}),
  });
  const sender = options.from.startsWith('MG') ? { messagingServiceSid: options.from } : { from: options.from };

  return {
    description: options.apiBaseUrl ? `twilio via ${options.apiBaseUrl}` : 'twilio',
    async sendSms(sms: SmsToSend): Promise<DeliveryReceipt> {
      try {
        const created = await client.messages.create({ to: sms.to, body: sms.body, ...sender });
        return { providerMessageId: created.sid };
      } catch (error) {
        if (error instanceof twilio.RestException) {
          const detail = error.code === undefined ? error.message : `${error.message} (Twilio error ${error.code})`;
          throw new DeliveryError(`Twilio ${error.status}: ${detail}`, { permanent: !isRetryableStatus(error.status), cause: error });
        }
        const reason = error instanceof Error ? error.message : String(error);
        throw new DeliveryError(`Twilio: ${reason}`, { permanent: false, cause: error });
      }
    },
    async close() {
      // The SDK's keep-alive sockets are unreferenced; nothing holds the process open.
    },
  };
}

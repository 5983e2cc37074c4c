/**
 * An in-process stand-in for Twilio's Messages API on 127.0.0.1, for tests (never imported
 * by the app). It answers `POST /2010-04-01/Accounts/{sid}/Messages.json` like Twilio:
 * 201 with a message resource, or the error it was told to give.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTwilioRequest {
  accountSid: string;
  authorization: string | undefined;
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
}

export interface FakeTwilioServer {
  /** Pass as `apiBaseUrl` to the Twilio transport. */
  readonly baseUrl: string;
  readonly requests: FakeTwilioRequest[];
  /** While set, every request gets this error (Twilio's JSON error body). */
  failWith(error: { status: number; code: number; message: string } | null): void;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export async function startFakeTwilioServer(): Promise<FakeTwilioServer> {
  const requests: FakeTwilioRequest[] = [];
  let failure: { status: number; code: number; message: string } | null = null;

  const server = createServer((request, response) => {
    void (async () => {
      const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/.exec(request.url ?? '');
      if (request.method !== 'POST' || !match?.[1]) {
        sendJson(response, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
        return;
      }
      const form = new URLSearchParams(await readBody(request));
      if (failure) {
        sendJson(response, failure.status, { code: failure.code, message: failure.message, status: failure.status, more_info: '' });
        return;
      }
      const sent: FakeTwilioRequest = {
        accountSid: match[1],
        authorization: request.headers.authorization,
        to: form.get('To') ?? '',
        from: form.get('From') ?? undefined,
        messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
        body: form.get('Body') ?? '',
      };
      requests.push(sent);
      const sid = `SM${String(requests.length).padStart(32, '0')}`;
      sendJson(response, 201, {
        sid,
        account_sid: sent.accountSid,
        to: sent.to,
        from: sent.from ?? null,
        messaging_service_sid: sent.messagingServiceSid ?? null,
        body: sent.body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        uri: `/2010-04-01/Accounts/${sent.accountSid}/Messages/${sid}.json`,
      });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    failWith(error) {
      failure = error;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

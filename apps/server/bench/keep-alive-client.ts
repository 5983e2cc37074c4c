/**
 * A lean HTTP/1.1 client for load generation: keep-alive sockets, one request at a time on
 * each, requests written as one string and responses read by Content-Length. The benchmarks'
 * load generator shares the machine's cores with the server it measures; node:http spends
 * about twice the CPU per request on the client side. It speaks only what the server answers
 * here (no chunked bodies, no 1xx, no pipelining) and says so when it meets anything else.
 */
import net from 'node:net';

export interface ClientResponse {
  status: number;
  body: string;
  setCookie: string | undefined;
}

const HEAD_END = Buffer.from('\r\n\r\n');

interface Pending {
  resolve(response: ClientResponse): void;
  reject(error: Error): void;
}

class Connection {
  readonly socket: net.Socket;
  closed = false;
  private buffered: Buffer = Buffer.alloc(0);
  private pending: Pending | undefined;
  /** Bytes received for the request in flight (a reused socket the server closed sends none). */
  received = 0;

  constructor(host: string, port: number) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  send(request: string): Promise<ClientResponse> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.received = 0;
      this.socket.write(request);
    });
  }

  private fail(error: Error): void {
    this.closed = true;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }

  private onData(chunk: Buffer): void {
    this.received += chunk.length;
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const headEnd = this.buffered.indexOf(HEAD_END);
    if (headEnd < 0) return;
    const head = this.buffered.toString('latin1', 0, headEnd);
    const lines = head.split('\r\n');
    const status = Number(lines[0]?.split(' ')[1]);
    let length: number | undefined;
    let setCookie: string | undefined;
    let closing = false;
    for (let index = 1; index < lines.length; index++) {
      const line = lines[index] ?? '';
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'set-cookie' && setCookie === undefined) setCookie = value;
      else if (name === 'connection' && value.toLowerCase() === 'close') closing = true;
      else if (name === 'transfer-encoding') {
        this.fail(new Error(`unsupported transfer-encoding: ${value}`));
        return;
      }
    }
    if (length === undefined) length = 0;
    const bodyStart = headEnd + HEAD_END.length;
    if (this.buffered.length < bodyStart + length) return;
    const body = this.buffered.toString('utf8', bodyStart, bodyStart + length);
    this.buffered = this.buffered.subarray(bodyStart + length);
    const pending = this.pending;
    this.pending = undefined;
    if (closing) {
      this.closed = true;
      this.socket.end();
    }
    pending?.resolve({ status, body, setCookie });
  }
}

export class KeepAliveClient {
  private idle: Connection[] = [];

  constructor(
    private readonly host: string,
    private port: number,
  ) {}

  /** Sends later requests to another port (closing the idle connections to the old one). */
  retarget(port: number): void {
    this.close();
    this.port = port;
  }

  async request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<ClientResponse> {
    let text = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`;
    for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
    if (body !== undefined) text += `content-length: ${Buffer.byteLength(body)}\r\n`;
    text += '\r\n';
    if (body !== undefined) text += body;
    for (;;) {
      let reused = this.idle.pop();
      while (reused?.closed) reused = this.idle.pop();
      const connection = reused ?? new Connection(this.host, this.port);
      try {
        const response = await connection.send(text);
        if (!connection.closed) this.idle.push(connection);
        return response;
      } catch (error) {
        connection.socket.destroy();
        // A kept-alive socket the server had closed meanwhile: try a new one.
        if (reused && connection.received === 0) continue;
        throw error;
      }
    }
  }

  close(): void {
    for (const connection of this.idle) connection.socket.destroy();
    this.idle = [];
  }
}

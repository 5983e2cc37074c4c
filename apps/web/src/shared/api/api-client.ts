import { problemSchema } from '@glowdesk/contracts';
import { ApiProblem } from './api-problem.ts';

/** Anything with a zod-style `parse`; responses are checked against the shared contracts. */
export interface ResponseSchema<T> {
  parse(data: unknown): T;
}

type QueryValue = string | number | undefined;

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON, or as multipart/form-data when it is a FormData (a file upload). */
  body?: unknown;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /**
   * The sign-in call answers 401 for a wrong password; that must stay on the form instead of
   * being treated as an ended session.
   */
  expectUnauthenticated?: boolean;
}

type UnauthenticatedListener = () => void;
let notifyUnauthenticated: UnauthenticatedListener = () => undefined;

/** The app decides what an ended session means for the user (the staff app goes to /login). */
export function onUnauthenticated(listener: UnauthenticatedListener): void {
  notifyUnauthenticated = listener;
}

function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

async function problemFromResponse(response: Response): Promise<ApiProblem> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = problemSchema.safeParse(body);
  if (parsed.success) return ApiProblem.fromProblem(parsed.data, retryAfterSeconds);
  return new ApiProblem({
    status: response.status,
    code: 'http_error',
    detail: `The server answered with an error (${response.status}). Try again in a moment.`,
    requestId: response.headers.get('x-request-id') ?? undefined,
    retryAfterSeconds,
  });
}

async function send(path: string, options: ApiRequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const init: RequestInit = { method: options.method ?? 'GET', credentials: 'same-origin', headers, signal: options.signal ?? null };
  if (options.body instanceof FormData) {
    // The browser writes the multipart content type with its boundary.
    init.body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiProblem({
      status: 0,
      code: 'network_error',
      detail: 'Glowdesk could not reach the server. Check your connection and try again.',
    });
  }

  if (response.ok) return response;
  const problem = await problemFromResponse(response);
  if (problem.status === 401 && !options.expectUnauthenticated) notifyUnauthenticated();
  throw problem;
}

/** Calls the API and checks the JSON answer against `responseSchema`. */
export async function apiRequest<T>(path: string, responseSchema: ResponseSchema<T>, options: ApiRequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  const body: unknown = await response.json().catch(() => undefined);
  try {
    return responseSchema.parse(body);
  } catch {
    throw new ApiProblem({
      status: response.status,
      code: 'unexpected_response',
      detail: 'The server sent an answer this page does not understand. Reload the page; if it persists, tell your administrator.',
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }
}

/** Calls the API for its effect only (204 No Content and similar). */
export async function apiCommand(path: string, options: ApiRequestOptions = {}): Promise<void> {
  await send(path, options);
}

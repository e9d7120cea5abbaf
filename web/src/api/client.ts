import type { Language } from '../i18n/index.js';

/** The body every failed API call returns (src/platform/http/error-handler.ts). */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    messages: { vi: string; en: string };
    requestId: string;
    details?: Record<string, unknown>;
  };
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
  );
}

/** Codes the client raises itself when there is no server answer to read. */
export const ClientErrorCodes = { NETWORK: 'NETWORK_ERROR', HTTP: 'HTTP_ERROR' } as const;

/** A failed call, with the server's code and its message in both languages when it sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: { vi: string; en: string } | null;
  readonly requestId: string | null;
  readonly details: Record<string, unknown>;

  constructor(status: number, body: ErrorBody['error'] | null, options?: { cause?: unknown }) {
    super(body?.message ?? `HTTP ${status}`, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? (status === 0 ? ClientErrorCodes.NETWORK : ClientErrorCodes.HTTP);
    this.messages = body?.messages ?? null;
    this.requestId = body?.requestId ?? null;
    this.details = body?.details ?? {};
  }

  /** The server's message in `language`; null when there is none (network failure, a proxy's page). */
  messageIn(language: Language): string | null {
    return this.messages?.[language] ?? null;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

function withQuery(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** JSON in, JSON out, the session cookie along; any failure becomes an ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal } = options;
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, null, { cause });
  }
  const payload = await readJson(response);
  if (!response.ok) throw new ApiError(response.status, isErrorBody(payload) ? payload.error : null);
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, ...(signal ? { signal } : {}) }),
  post: <T = void>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  patch: <T = void>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

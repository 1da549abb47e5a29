import { readToken } from '../session/token-store.ts';

/** An RFC 9457 problem as the API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId?: string | null;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get status() {
    return this.problem.status;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send without the stored token (sign-in). */
  anonymous?: boolean;
}

let onUnauthorized: () => void = () => {};
/** What to do when the server says the token is no longer good (the session signs out). */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = options.anonymous ? null : readToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(urlOf(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body,
    signal: options.signal,
  });
  if (res.ok) return res;
  let problem: Problem;
  try {
    problem = (await res.json()) as Problem;
  } catch {
    problem = { type: 'about:blank', title: res.statusText, status: res.status, detail: res.statusText };
  }
  if (res.status === 401 && !options.anonymous) onUnauthorized();
  throw new ApiError(problem);
}

/** Calls the API and returns its JSON; a problem response throws ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads a file the API produces (CSV, XLSX, GEXF) with the session's token. */
export async function download(path: string, filename: string, query?: Query): Promise<void> {
  const res = await send(path, { query, headers: { accept: '*/*' } });
  saveBlob(await res.blob(), filename);
}

export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Follows `nextCursor` until the list ends or `max` items are read. */
export async function fetchAll<T>(path: string, query: Query = {}, max = 5000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await api<{ items: T[]; nextCursor: string | null }>(path, {
      query: { ...query, limit: 1000, cursor: cursor ?? undefined },
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

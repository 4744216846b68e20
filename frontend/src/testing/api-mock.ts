import { vi } from 'vitest';

/** Reply is one canned answer: an HTTP status and a JSON body. */
export interface Reply {
  status?: number;
  body: unknown;
}

/** RouteInit is what a route function sees of a request: a JSON body, or a multipart form. */
export interface RouteInit {
  method: string;
  body: unknown;
  url: string;
  query: URLSearchParams;
  /** form is the multipart body (file uploads), when the request sent one. */
  form?: FormData;
  signal?: AbortSignal;
}

/**
 * Route answers a request; a function can look at the body (or the URL's query) and vary its
 * answer. It may answer later (a promise): a request whose signal aborts first rejects with an
 * AbortError, as fetch does.
 */
export type Route = Reply | ((init: RouteInit) => Reply | Promise<Reply>);

/**
 * mockApi replaces fetch (the network boundary) with canned answers keyed by "METHOD /api/path".
 * A key with a query string matches that exact URL; otherwise the path alone is looked up.
 * It returns the mock so tests can inspect the calls. Unknown routes answer 404 in the API's
 * error shape.
 */
export function mockApi(routes: Record<string, Route>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const form = init?.body instanceof FormData ? init.body : undefined;
    const signal = init?.signal ?? undefined;
    const [path = url, search = ''] = url.split('?');
    const route = routes[`${method} ${url}`] ?? routes[`${method} ${path}`];
    const abortError = () => new DOMException('The operation was aborted.', 'AbortError');
    if (signal?.aborted) throw abortError();
    const answer: Reply | Promise<Reply> = route
      ? typeof route === 'function'
        ? route({ method, body, url, query: new URLSearchParams(search), form, signal })
        : route
      : { status: 404, body: { error: { code: 'not_found', message: `No route ${method} ${url}` } } };
    const reply: Reply =
      answer instanceof Promise
        ? await new Promise<Reply>((resolve, reject) => {
            signal?.addEventListener('abort', () => reject(abortError()), { once: true });
            answer.then(resolve, reject);
          })
        : answer;
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** urlsTo lists the URLs (with their query strings) of the GET calls to a path. */
export function urlsTo(fetchMock: ReturnType<typeof mockApi>, path: string): string[] {
  return fetchMock.mock.calls.map(([input]) => String(input)).filter((u) => u === path || u.startsWith(`${path}?`));
}

/** callsTo lists the calls made to "METHOD /api/path" with their decoded JSON bodies. */
export function callsTo(fetchMock: ReturnType<typeof mockApi>, key: string): unknown[] {
  return fetchMock.mock.calls
    .filter(([input, init]) => `${(init?.method ?? 'GET').toUpperCase()} ${String(input)}` === key)
    .map(([, init]) => (typeof init?.body === 'string' ? JSON.parse(init.body) : undefined));
}

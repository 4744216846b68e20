import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiGet, apiPost, onPortfolioChanged, reportSelfTest } from './backend';

function reply(status: number, body: string) {
  return vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': 'application/json' } }));
}

describe('apiGet / apiPost', () => {
  it('fetches same-origin /api/ paths and decodes JSON', async () => {
    const fetchMock = reply(200, '{"recent":[]}');
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiGet('/api/recent')).resolves.toEqual({ recent: [] });
    expect(fetchMock).toHaveBeenCalledWith('/api/recent', expect.objectContaining({ method: 'GET' }));
  });

  it('posts a JSON body', async () => {
    const fetchMock = reply(200, '{}');
    vi.stubGlobal('fetch', fetchMock);
    await apiPost('/api/portfolio/open', { path: '/tmp/a' });
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"path":"/tmp/a"}');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
  });

  it('turns the API error body into an ApiError carrying its message', async () => {
    vi.stubGlobal('fetch', reply(404, '{"error":{"code":"not_found","message":"No portfolio at /x."}}'));
    const err = await apiGet('/api/portfolio').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'not_found', message: 'No portfolio at /x.', status: 404 });
  });

  it('explains an error without the API error body', async () => {
    vi.stubGlobal('fetch', reply(502, 'Bad gateway'));
    await expect(apiGet('/api/overview')).rejects.toThrow('The backend answered with HTTP 502.');
  });

  it('explains a backend that cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(apiGet('/api/overview')).rejects.toThrow('Cannot reach the Throughline backend.');
  });

  it('refuses paths outside /api/', async () => {
    await expect(apiGet('/etc/passwd')).rejects.toThrow('not an API path');
  });
});

describe('desktop bridge', () => {
  afterEach(() => {
    delete window.go;
    delete window.runtime;
  });

  it('reports only inside the desktop window', async () => {
    await expect(reportSelfTest({ a: 1 })).resolves.toBe(false);
    const Report = vi.fn(async () => {});
    window.go = { app: { Shell: { Report, OpenPortfolioDialog: vi.fn(), NewPortfolioDialog: vi.fn() } } };
    await expect(reportSelfTest({ a: 1 })).resolves.toBe(true);
    expect(Report).toHaveBeenCalledWith('{"a":1}');
  });

  it('subscribes to portfolio:changed and hands back the unsubscribe function', () => {
    const off = vi.fn();
    let handler: (() => void) | undefined;
    window.runtime = {
      EventsOn: vi.fn((name: string, cb: (...data: unknown[]) => void) => {
        expect(name).toBe('portfolio:changed');
        handler = () => cb();
        return off;
      }),
    };
    const callback = vi.fn();
    const unsubscribe = onPortfolioChanged(callback);
    handler?.();
    expect(callback).toHaveBeenCalledTimes(1);
    unsubscribe();
    expect(off).toHaveBeenCalledTimes(1);
  });

  it('is a no-op without the Wails runtime', () => {
    expect(() => onPortfolioChanged(() => {})()).not.toThrow();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiGet,
  apiPost,
  apiPostForm,
  attachmentName,
  downloadFile,
  decodeMetricTrace,
  getMetricTrace,
  getMetrics,
  getMetricsDocs,
  onPortfolioChanged,
  reportSelfTest,
} from './backend';

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

describe('uploads and downloads', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('posts a multipart form as the browser encodes it (no Content-Type of ours), cancellable', async () => {
    const fetchMock = reply(200, '{"files":[]}');
    vi.stubGlobal('fetch', fetchMock);
    const form = new FormData();
    form.append('file', new File(['a'], 'jira.csv'));
    const controller = new AbortController();
    await apiPostForm('/api/import?dryRun=true', form, controller.signal);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/import?dryRun=true');
    expect(init.body).toBe(form);
    expect(init.signal).toBe(controller.signal);
    expect(new Headers(init.headers).get('Content-Type')).toBeNull();
  });

  it('keeps an aborted upload an AbortError', async () => {
    const controller = new AbortController();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      }),
    );
    const err = await apiPostForm('/api/import', new FormData(), controller.signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('AbortError');
  });

  it('reads the file name of a download, never a folder', () => {
    expect(attachmentName('attachment; filename="throughline-import-template.xlsx"')).toBe('throughline-import-template.xlsx');
    expect(attachmentName("attachment; filename*=UTF-8''Z%C3%B6e%20template.xlsx")).toBe('Zöe template.xlsx');
    expect(attachmentName('attachment; filename="../../etc/x.xlsx"')).toBe('x.xlsx');
    expect(attachmentName(null)).toBeNull();
  });

  it('downloads through a Blob and a temporary link named by Content-Disposition', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('PK', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="t.xlsx"' } })),
    );
    const createObjectURL = vi.fn(() => 'blob:x');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await expect(downloadFile('/api/export/template', 'fallback.xlsx')).resolves.toBe('t.xlsx');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('t.xlsx');
    expect(clicked[0]!.getAttribute('href')).toBe('blob:x');
    expect(clicked[0]!.isConnected).toBe(false);
    vi.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:x');
  });

  it('explains a failed download with the API error', async () => {
    vi.stubGlobal('fetch', reply(500, '{"error":{"code":"internal","message":"Internal error"}}'));
    await expect(downloadFile('/api/export/template', 'x.xlsx')).rejects.toThrow('Internal error');
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

describe('metrics API', () => {
  it('decodes the metrics report, turning anything that is not a finite number into null', async () => {
    vi.stubGlobal(
      'fetch',
      reply(
        200,
        JSON.stringify({
          as_of: '2026-11-20',
          from: '2026-08-23',
          to: '2026-11-20',
          conventions: { cycle_time: 'done − start + 1', bogus: 3 },
          portfolio: {
            cycle_time_days: { count: 0, p50: null, p85: 'NaN', p95: 1e400 },
            flow_efficiency: null,
            dora: { deployments: 0, deployments_per_week: 0, frequency_band: '' },
            notes: { cycle_time_days: 'no values', odd: 1 },
          },
          programs: [{ id: 3, name: 'Care', teams: [{ id: 7, name: 'Chat', csat: 4.2 }] }],
        }),
      ),
    );
    const report = await getMetrics();
    expect(report.conventions).toEqual({ cycle_time: 'done − start + 1' });
    expect(report.portfolio.cycle_time_days).toEqual({ count: 0, p50: null, p85: null, p95: null });
    expect(report.portfolio.flow_efficiency).toBeNull();
    // A real zero stays zero; a missing figure is null, never 0.
    expect(report.portfolio.dora.deployments_per_week).toBe(0);
    expect(report.portfolio.predictability).toBeNull();
    expect(report.portfolio.velocity).toEqual([]);
    expect(report.portfolio.notes).toEqual({ cycle_time_days: 'no values' });
    expect(report.programs[0]?.teams[0]).toMatchObject({ id: 7, name: 'Chat', csat: 4.2, nps: null });
  });

  it('asks for a trace with its level and period, without an id for the portfolio', async () => {
    const fetchMock = reply(200, JSON.stringify({ metric: 'throughput', rule: 'delivery items done in the period' }));
    vi.stubGlobal('fetch', fetchMock);
    const trace = await getMetricTrace({ metric: 'throughput', level: 'program', id: 3, week: '2026-W07', from: '2026-02-09', to: '2026-02-15' });
    const urls = () => (fetchMock.mock.calls as unknown as [string][]).map(([url]) => url);
    expect(urls()[0]).toBe(
      '/api/metrics/trace?metric=throughput&level=program&id=3&week=2026-W07&from=2026-02-09&to=2026-02-15',
    );
    // The API leaves out an empty item list: an item trace without rows has none.
    expect(trace.items).toEqual([]);
    await getMetricTrace({ metric: 'cycle_time', level: 'portfolio', id: 9 });
    expect(urls()[1]).toBe('/api/metrics/trace?metric=cycle_time&level=portfolio');
  });

  it('decodes trace rows and id lists', async () => {
    const trace = decodeMetricTrace({
      metric: 'cycle_time',
      items: [
        { id: 1, key: 'A-1', title: 'x', type: 'story', status: 'Done', team_id: 2, created: '2026-01-01', start: '2026-02-01', done: '2026-02-03', cycle_days: 3, lead_days: 34, active_hours: 5.5 },
        { id: 2, key: 'A-2', title: 'y', type: 'story', status: 'In Progress', team_id: 2, created: '2026-01-01', start: '2026-02-01' },
      ],
    });
    // Zero hours are left out of done items by the API; an item not done has no figures at all.
    expect(trace.items?.[0]).toMatchObject({ cycle_days: 3, active_hours: 5.5, waiting_hours: 0, no_start: false });
    expect(trace.items?.[1]).toMatchObject({ done: '', cycle_days: null, active_hours: null, waiting_hours: null });
    const deployments = decodeMetricTrace({ metric: 'deployments', deployment_ids: [4, 'x', 5], incident_ids: [9] });
    expect(deployments.items).toBeNull();
    expect(deployments.deployment_ids).toEqual([4, 5]);
    expect(deployments.incident_ids).toEqual([9]);
    expect(deployments.objective_ids).toEqual([]);
  });

  it('reports an unknown trace with the API message', async () => {
    vi.stubGlobal('fetch', reply(400, '{"error":{"code":"invalid","message":"There is no trace for \\"okr\\"."}}'));
    await expect(getMetricTrace({ metric: 'items', level: 'portfolio' })).rejects.toMatchObject({ code: 'invalid', status: 400 });
  });

  it('reads the metrics document sections', async () => {
    vi.stubGlobal('fetch', reply(200, '{"sections":[{"id":"cycle-time","title":"Cycle time","metrics":["cycle_time_days",3],"text":"x"}]}'));
    await expect(getMetricsDocs()).resolves.toEqual([{ id: 'cycle-time', title: 'Cycle time', metrics: ['cycle_time_days'], text: 'x' }]);
  });
});

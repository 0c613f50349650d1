/** Load against running servers: autocannon for the session list, timed uploads one at a time. */
import autocannon, { type Result } from 'autocannon';
import { hailLines, headerLine } from '../../src/hail/jsonl-write.js';
import type { Session } from '../../src/hail/session.js';
import { percentile } from '../lib/history.js';
import { type ServerProcess, waitIdle } from './process.js';

export interface LoadOptions {
  seconds: number;
  connections: number;
}

export interface Throughput {
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Server process CPU per request (ms): steadier than req/s on a shared machine. */
  cpuMsPerReq: number | undefined;
}

const auth = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

const totalCpu = (servers: ServerProcess[]) => {
  const all = servers.map((s) => s.cpuMs());
  return all.every((v) => v !== undefined) ? all.reduce((a, b) => a + b, 0) : undefined;
};

/**
 * autocannon against `path` on every server at once (connections split between them); the
 * throughput is the sum, the latencies those of the slowest instance.
 */
export async function hammer(
  servers: ServerProcess[],
  path: string | ((n: number) => string),
  apiKey: string,
  o: LoadOptions,
): Promise<Throughput> {
  const per = Math.max(1, Math.round(o.connections / servers.length));
  const cpuBefore = totalCpu(servers);
  // A function gives every request its own path (so no response cache can answer).
  let n = 0;
  const first = typeof path === 'string' ? path : path(n++);
  const perRequest =
    typeof path === 'string' ? undefined : [{ setupRequest: (r: { path: string }) => ({ ...r, path: path(n++) }) }];
  const results: Result[] = await Promise.all(
    servers.map((s) =>
      autocannon({
        url: s.url + first,
        connections: per,
        duration: o.seconds,
        headers: auth(apiKey),
        ...(perRequest ? { requests: perRequest } : {}),
      }),
    ),
  );
  await waitIdle(servers);
  const cpuAfter = totalCpu(servers);
  const requests = results.reduce((sum, r) => sum + r.requests.total, 0);
  return {
    reqPerSec: results.reduce((sum, r) => sum + r.requests.total / r.duration, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
    cpuMsPerReq:
      cpuBefore !== undefined && cpuAfter !== undefined && requests > 0 ? (cpuAfter - cpuBefore) / requests : undefined,
  };
}

export const fmtThroughput = (t: Throughput) =>
  `${Math.round(t.reqPerSec).toLocaleString('en-US')} req/s, p50 ${t.p50} ms, p99 ${t.p99} ms, non-2xx ${t.non2xx}, errors ${t.errors}` +
  (t.cpuMsPerReq === undefined ? '' : `, server CPU ${t.cpuMsPerReq.toFixed(2)} ms/req`);

async function getJson(url: string, apiKey: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers: auth(apiKey) });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The next_cursor after `skip` sessions (a keyset position deep in the list), from the API itself. */
export async function cursorAfter(url: string, apiKey: string, skip: number, perPage: number): Promise<string> {
  const page = Math.floor(skip / perPage);
  const body = await getJson(`${url}/api/sessions?per_page=${perPage}&page=${page}`, apiKey);
  if (typeof body.next_cursor !== 'string') throw new Error(`no next_cursor after ${skip} sessions`);
  return body.next_cursor;
}

export async function sessionTotal(url: string, apiKey: string): Promise<number> {
  return Number((await getJson(`${url}/api/sessions?per_page=1`, apiKey)).total);
}

/** HAIL JSONL of `s` under another session id, without re-serialising its events. */
export function withSessionId(lines: readonly string[], s: Session, id: string): string {
  return [headerLine({ ...s, session_id: id }), ...lines.slice(1)].join('\n') + '\n';
}

export interface UploadTimes {
  p50: number;
  p95: number;
  max: number;
  n: number;
  /** Responses other than the expected 201 (new) / 200 (re-upload). */
  unexpected: number;
  cpuMsPerUpload: number | undefined;
}

/**
 * Uploads `s` `n` times one after another, each under a new id (`fresh`: `<prefix>-<i>`, expects
 * 201) or all under the already uploaded id `prefix` (expects 200), and returns the client-side
 * latencies plus the server ids (for clean-up).
 */
export async function timeUploads(
  server: ServerProcess,
  apiKey: string,
  s: Session,
  n: number,
  mode: { fresh: boolean; prefix: string },
): Promise<{ times: UploadTimes; ids: Set<string> }> {
  const lines = [...hailLines(s)];
  const ids = new Set<string>();
  const ms: number[] = [];
  let unexpected = 0;
  const cpuBefore = server.cpuMs();
  for (let i = 0; i < n; i++) {
    const body = withSessionId(lines, s, mode.fresh ? `${mode.prefix}-${i}` : mode.prefix);
    const t = performance.now();
    const res = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { ...auth(apiKey), 'content-type': 'application/x-ndjson' },
      body,
    });
    const json = (await res.json()) as { id?: string };
    ms.push(performance.now() - t);
    if (json.id) ids.add(json.id);
    if (res.status !== (mode.fresh ? 201 : 200)) unexpected++;
  }
  const cpuAfter = server.cpuMs();
  ms.sort((a, b) => a - b);
  const times = {
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    max: ms.at(-1) ?? Number.NaN,
    n,
    unexpected,
    cpuMsPerUpload: cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / n : undefined,
  };
  return { times, ids };
}

export const fmtUploads = (t: UploadTimes) =>
  `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, max ${t.max.toFixed(1)} ms (n=${t.n}, unexpected status ${t.unexpected})` +
  (t.cpuMsPerUpload === undefined ? '' : `, server CPU ${t.cpuMsPerUpload.toFixed(0)} ms/upload`);

/** Deletes the sessions a run uploaded, so a cached database stays at its seeded size. */
export async function deleteSessions(url: string, apiKey: string, ids: Iterable<string>): Promise<void> {
  for (const id of ids) {
    const res = await fetch(`${url}/api/sessions/${id}`, { method: 'DELETE', headers: auth(apiKey) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`DELETE /api/sessions/${id}: ${res.status}`);
  }
}

import { existsSync } from 'node:fs';
import { runningPid } from '../../daemon/daemon-files.js';
import { type DaemonStatus, readStatusFile } from '../../daemon/status.js';
import { type QueueStats, UploadQueue } from '../../daemon/upload-queue.js';
import { formatDuration } from '../../hail/extract.js';
import { stripTerminalEscapes } from '../../hail/terminal-safe.js';
import { indexPath, openIndex } from '../../store/db.js';
import type { CliContext } from '../context.js';
import { type Colors, colorsFor, relativeTime, writeJson, writeLine } from '../output.js';
import { daemonFilesOf, dataDirOf } from './daemon-paths.js';
import { loadSettings, serverTarget } from './server-connection.js';

export interface DaemonStatusOptions {
  dataDir?: string;
  json: boolean;
}

/** The queue as the index has it now (the daemon need not run for this). */
function queueStats(dataDir: string, server: string | undefined): QueueStats | null {
  const file = indexPath(dataDir);
  if (!server || !existsSync(file)) return null;
  const db = openIndex(file, { readonly: true });
  try {
    return new UploadQueue(db, server).stats();
  } catch {
    return null; // an index from before the queue existed
  } finally {
    db.close();
  }
}

async function configuredServer(ctx: CliContext): Promise<string | undefined> {
  try {
    return serverTarget(await loadSettings(ctx))?.url;
  } catch {
    return undefined;
  }
}

/** `ops daemon status`: running or not, uptime, watched paths, queue, last index/upload/sync/error. */
export async function handleDaemonStatus(opts: DaemonStatusOptions, ctx: CliContext): Promise<void> {
  const dataDir = dataDirOf(opts, ctx);
  const files = daemonFilesOf(opts, ctx);
  const pid = runningPid(files.pid);
  const status = readStatusFile(files.status);
  const server = status?.server ?? (await configuredServer(ctx));
  const queue = queueStats(dataDir, server);
  const now = new Date();
  const uptime = pid && status ? Math.max(0, (now.getTime() - Date.parse(status.started_at)) / 1000) : null;
  if (opts.json) {
    writeJson(ctx.stdout, {
      running: pid !== undefined,
      pid: pid ?? null,
      uptime_seconds: uptime === null ? null : Math.round(uptime),
      data_dir: dataDir,
      log: files.log,
      queue,
      status: status ?? null,
    });
    return;
  }
  render(ctx, { pid, status, queue, uptime, now, log: files.log });
}

interface View {
  pid: number | undefined;
  status: DaemonStatus | undefined;
  queue: QueueStats | null;
  uptime: number | null;
  now: Date;
  log: string;
}

const ago = (at: string | undefined, now: Date) => (at ? relativeTime(at, now) : 'never');
const safe = (s: string) => stripTerminalEscapes(s);

function render(ctx: CliContext, v: View): void {
  const c = colorsFor(ctx.stdout, ctx.env);
  const out = (label: string, text: string) => writeLine(ctx.stdout, `${label.padEnd(10)} ${text}`);
  const s = v.status;
  if (v.pid !== undefined) out('daemon', `${c.green('running')} (pid ${v.pid}), up ${formatDuration(v.uptime ?? 0)}`);
  else
    out(
      'daemon',
      `${c.yellow('not running')}${s ? c.dim(` (last state: ${s.state}, ${ago(s.updated_at, v.now)})`) : ''}`,
    );
  if (s) renderStatus(out, c, s, v.now);
  if (v.queue) {
    const q = v.queue;
    out('queue', `${q.pending} pending (${q.retrying} retrying), ${q.failed} refused, ${q.sent} uploaded`);
  }
  out('log', v.log);
}

function renderStatus(out: (l: string, t: string) => void, c: Colors, s: DaemonStatus, now: Date): void {
  out('mode', `${s.mode}${s.server ? ` → ${s.server}` : ''}`);
  out('config', s.config.file + (s.config.error ? `  ${c.red(`error: ${safe(s.config.error)}`)}` : ''));
  const watched = Object.entries(s.watched);
  if (watched.length === 0) out('watching', c.dim('nothing'));
  watched.forEach(([tool, paths], i) => {
    out(i === 0 ? 'watching' : '', `${tool}: ${paths.join(', ')}`);
  });
  const li = s.last_index;
  out('indexed', li ? `${ago(li.at, now)} (${li.ms} ms, ${li.changed_sessions} changed)` : 'never');
  const lu = s.last_upload;
  out('uploaded', lu ? `${ago(lu.at, now)} (${lu.session_id})` : 'never');
  const ls = s.last_sync;
  out('synced', ls ? `${ago(ls.at, now)} (${ls.pulled} pulled, ${ls.imported} imported)` : 'never');
  if (s.last_error) out('error', `${ago(s.last_error.at, now)}: ${c.red(safe(s.last_error.message))}`);
  for (const n of s.notices) out('note', c.yellow(n));
}

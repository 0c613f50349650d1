import cliProgress from 'cli-progress';
import type { ApiClient } from '../../client/api-client.js';
import { allLocalSessions, type LocalSession } from '../../daemon/local-sessions.js';
import {
  exclusionReason,
  type PrivacySettings,
  prepareForUpload,
  uploadOptionsFor,
} from '../../daemon/prepare-upload.js';
import { sessionSignature, UploadQueue } from '../../daemon/upload-queue.js';
import type { ToolName } from '../../parsers/types.js';
import { readArchive } from '../../store/archive.js';
import { indexSources } from '../../store/indexer.js';
import type { CliContext } from '../context.js';
import { AlreadyReported, NetworkError } from '../errors.js';
import { openLocalIndex } from '../local-index.js';
import { colorsFor, writeJson, writeLine } from '../output.js';
import { type PublishLine, type PublishStatus, writePublishLine } from './publish-report.js';
import {
  cliErrorOf,
  clientFor,
  loadSettings,
  privacySettings,
  requireServer,
  type ServerTarget,
  serverTarget,
} from './server-connection.js';

export interface PublishUploadAllOptions {
  tool?: ToolName;
  dryRun: boolean;
  dataDir?: string;
  json: boolean;
}

/** Uploads in flight at once: enough to hide latency, few enough not to crowd a small server. */
const LANES = 4;

interface Work {
  local: LocalSession;
  sig: string;
  line: PublishLine;
}

const lineOf = (s: LocalSession, status: PublishStatus, reason?: string): PublishLine => ({
  session_id: s.id,
  tool: s.tool,
  title: s.title,
  events: s.event_count,
  status,
  ...(reason ? { reason } : {}),
  findings: [],
});

/** Splits the index into excluded, unchanged since the last upload to this server, and to do. */
function triage(sessions: LocalSession[], privacy: PrivacySettings, home: string, queue: UploadQueue | undefined) {
  const done: PublishLine[] = [];
  const todo: Work[] = [];
  for (const s of sessions) {
    const reason = exclusionReason(s, privacy, home);
    if (reason) {
      done.push(lineOf(s, 'excluded', reason));
      continue;
    }
    const sig = sessionSignature(s);
    if (queue?.sentSig(s.id) === sig) done.push(lineOf(s, 'unchanged'));
    else todo.push({ local: s, sig, line: lineOf(s, 'would_upload') });
  }
  return { done, todo };
}

async function prepared(w: Work, privacy: PrivacySettings, home: string) {
  const { session } = await readArchive(w.local.archive_path as string);
  const out = prepareForUpload(session, privacy, home);
  w.line.findings = out.findings;
  w.line.events = out.session.events.length;
  return out.session;
}

interface Uploader {
  client: ApiClient;
  queue: UploadQueue;
  target: ServerTarget;
  privacy: PrivacySettings;
  home: string;
}

async function uploadOne(u: Uploader, w: Work): Promise<void> {
  const session = await prepared(w, u.privacy, u.home);
  const res = await u.client.uploadSession(session, uploadOptionsFor(w.local, u.target.teamId));
  u.queue.markSent(w.local.id, w.sig, res, session.events.length);
  w.line.status = res.created ? 'created' : 'updated';
  w.line.url = res.url;
}

/** Runs the uploads in lanes; a server that cannot be reached at all stops the run. */
async function uploadAll(u: Uploader, todo: Work[], tick: () => void): Promise<void> {
  let next = 0;
  let fatal: unknown;
  const lane = async () => {
    while (next < todo.length && fatal === undefined) {
      const w = todo[next++] as Work;
      try {
        await uploadOne(u, w);
      } catch (err) {
        const mapped = cliErrorOf(err);
        if (mapped instanceof NetworkError) fatal ??= mapped;
        w.line.status = 'failed';
        w.line.reason = mapped instanceof Error ? mapped.message : String(mapped);
      }
      tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES, todo.length) }, lane));
  if (fatal !== undefined) throw fatal;
}

function progressBar(ctx: CliContext, total: number, enabled: boolean): { tick: () => void; stop: () => void } {
  if (!enabled || !ctx.stderr.isTTY || total === 0) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: ctx.stderr as NodeJS.WriteStream,
      format: 'uploading [{bar}] {value}/{total} sessions  {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

function summarize(lines: PublishLine[]) {
  const count = (s: PublishStatus) => lines.filter((l) => l.status === s).length;
  return {
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    excluded: count('excluded'),
    would_upload: count('would_upload'),
    failed: count('failed'),
    secrets_redacted: lines.reduce((a, l) => a + l.findings.length, 0),
  };
}

/**
 * `publish upload-all`: brings the local index up to date, then uploads every session the
 * server does not have in this version (unchanged ones are skipped), redacted and stripped.
 */
export async function handlePublishUploadAll(opts: PublishUploadAllOptions, ctx: CliContext): Promise<void> {
  const settings = await loadSettings(ctx);
  const target = opts.dryRun ? serverTarget(settings) : requireServer(settings, true);
  const privacy = privacySettings(settings);
  const { db, dataDir } = openLocalIndex(ctx, opts.dataDir, 'write');
  let lines: PublishLine[];
  try {
    if (!opts.json && ctx.stderr.isTTY) ctx.stderr.write('indexing new and changed sessions…\n');
    await indexSources({
      db,
      dataDir,
      roots: { home: ctx.home, env: ctx.env, platform: process.platform },
      tools: opts.tool ? [opts.tool] : undefined,
    });
    const queue = target ? new UploadQueue(db, target.url) : undefined;
    const { done, todo } = triage(allLocalSessions(db, opts.tool), privacy, ctx.home, queue);
    if (opts.dryRun) for (const w of todo) await prepared(w, privacy, ctx.home);
    else if (target && queue) {
      const bar = progressBar(ctx, todo.length, !opts.json);
      const u = { client: clientFor(target), queue, target, privacy, home: ctx.home };
      try {
        await uploadAll(u, todo, bar.tick);
      } finally {
        bar.stop();
      }
    }
    lines = [...done, ...todo.map((w) => w.line)];
  } finally {
    db.close();
  }
  report(opts, ctx, lines, target);
  if (lines.some((l) => l.status === 'failed')) throw new AlreadyReported('some uploads failed');
}

function report(opts: PublishUploadAllOptions, ctx: CliContext, lines: PublishLine[], target?: ServerTarget): void {
  const summary = summarize(lines);
  if (opts.json) {
    writeJson(ctx.stdout, { dry_run: opts.dryRun, server: target?.url ?? null, summary, sessions: lines });
    return;
  }
  const c = colorsFor(ctx.stdout, ctx.env);
  const shown: PublishStatus[] = opts.dryRun ? ['would_upload', 'excluded'] : ['failed'];
  for (const line of lines) if (shown.includes(line.status)) writePublishLine(ctx.stdout, c, line, false);
  const s = summary;
  const head = opts.dryRun
    ? `Would upload ${s.would_upload} session(s)`
    : `Uploaded ${s.created + s.updated} session(s) (${s.created} new, ${s.updated} updated)`;
  const secrets = s.secrets_redacted ? `; ${s.secrets_redacted} secret(s) redacted` : '';
  const failed = s.failed ? `, ${c.red(`${s.failed} failed`)}` : '';
  writeLine(
    ctx.stdout,
    `${head}, ${s.unchanged} unchanged, ${s.excluded} excluded${failed}${secrets}${target ? ` (${target.url})` : ''}.`,
  );
}

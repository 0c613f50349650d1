import type { PrivacySettings } from '../../daemon/prepare-upload.js';
import { planUpload, sendPlanned, type UploadPlan } from '../../daemon/upload-one.js';
import { UploadQueue } from '../../daemon/upload-queue.js';
import type { Session } from '../../hail/session.js';
import type { CliContext } from '../context.js';
import { AlreadyReported, NetworkError } from '../errors.js';
import { openLocalIndex } from '../local-index.js';
import { colorsFor, writeJson } from '../output.js';
import { loadSessionRefs } from '../session-ref.js';
import { type PublishLine, writePublishLine } from './publish-report.js';
import { cliErrorOf, clientFor, loadSettings, privacySettings, requireServer } from './server-connection.js';

export interface PublishUploadOptions {
  source: string;
  dryRun: boolean;
  tool?: string;
  dataDir?: string;
  json: boolean;
}

interface Planned {
  line: PublishLine;
  plan: UploadPlan;
}

function plan(session: Session, privacy: PrivacySettings, home: string): Planned {
  const p = planUpload(session, privacy, home);
  const base = { session_id: p.row.id, tool: p.row.tool, title: p.row.title, events: session.events.length };
  if (p.excluded !== undefined)
    return { plan: p, line: { ...base, status: 'excluded', reason: p.excluded, findings: [] } };
  return { plan: p, line: { ...base, status: 'would_upload', findings: p.findings } };
}

/**
 * `publish upload <file|ref>`: every session the file holds (or the one the ref names), with
 * secrets redacted and paths stripped first; `--dry-run` shows what would go and what was redacted.
 */
export async function handlePublishUpload(opts: PublishUploadOptions, ctx: CliContext): Promise<void> {
  const settings = await loadSettings(ctx);
  const target = opts.dryRun ? undefined : requireServer(settings, true);
  const sessions = await loadSessionRefs(opts.source, { tool: opts.tool, dataDir: opts.dataDir }, ctx);
  const privacy = privacySettings(settings);
  const planned = sessions.map((s) => plan(s, privacy, ctx.home));

  let failed = 0;
  if (target) {
    const client = clientFor(target);
    const { db } = openLocalIndex(ctx, opts.dataDir, 'write');
    try {
      const queue = new UploadQueue(db, target.url);
      for (const p of planned) {
        if (p.plan.excluded !== undefined) continue;
        try {
          const res = await sendPlanned(client, queue, p.plan, target.teamId);
          p.line.status = res.created ? 'created' : 'updated';
          p.line.url = res.url;
        } catch (err) {
          // One session the server refuses does not stop the others; no server at all does.
          const mapped = cliErrorOf(err);
          if (sessions.length === 1 || mapped instanceof NetworkError || !(mapped instanceof Error)) throw mapped;
          p.line.status = 'failed';
          p.line.reason = mapped.message;
          failed++;
        }
      }
    } finally {
      db.close();
    }
  }

  const lines = planned.map((p) => p.line);
  if (opts.json) writeJson(ctx.stdout, { dry_run: opts.dryRun, server: target?.url ?? null, sessions: lines });
  else {
    const c = colorsFor(ctx.stdout, ctx.env);
    for (const line of lines) writePublishLine(ctx.stdout, c, line, true);
  }
  if (failed > 0) throw new AlreadyReported(`${failed} upload(s) failed`);
}

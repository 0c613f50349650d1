import { z } from 'zod';
import { PUBLISH_MODES } from './config.js';
import { readJsonFile, writeJsonFile } from './daemon-files.js';

const At = z.string();

/** daemon-status.json: what `ops daemon status` shows besides the live queue counts. */
export const DaemonStatusSchema = z.object({
  pid: z.number(),
  version: z.string(),
  state: z.enum(['starting', 'running', 'stopping', 'stopped']),
  started_at: At,
  updated_at: At,
  config: z.object({ file: z.string(), error: z.string().nullable(), warnings: z.array(z.string()) }),
  mode: z.enum(PUBLISH_MODES),
  notices: z.array(z.string()),
  server: z.string().nullable(),
  /** Tool -> the directories (or files) watched for it. */
  watched: z.record(z.string(), z.array(z.string())),
  last_index: z.object({ at: At, ms: z.number(), changed_sessions: z.number() }).nullable(),
  last_upload: z.object({ at: At, session_id: z.string(), url: z.string().nullable() }).nullable(),
  last_sync: z.object({ at: At, pulled: z.number(), imported: z.number().default(0) }).nullable(),
  last_error: z.object({ at: At, message: z.string() }).nullable(),
});

export type DaemonStatus = z.infer<typeof DaemonStatusSchema>;

export function readStatusFile(file: string): DaemonStatus | undefined {
  const parsed = DaemonStatusSchema.safeParse(readJsonFile(file));
  return parsed.success ? parsed.data : undefined;
}

/** The daemon's status, written to disk at most every `intervalMs` (and at once on flush). */
export class StatusBoard {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    readonly status: DaemonStatus,
    private readonly intervalMs = 500,
  ) {}

  update(patch: Partial<DaemonStatus>): void {
    Object.assign(this.status, patch);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  error(message: string): void {
    this.update({ last_error: { at: new Date().toISOString(), message } });
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.status.updated_at = new Date().toISOString();
    try {
      writeJsonFile(this.file, this.status);
    } catch {
      // Status is informative; failing to write it must not stop the daemon.
    }
  }
}

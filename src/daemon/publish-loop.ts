import { backoffDelay } from '../client/retry.js';
import type { PublishMode } from './config.js';
import type { Logger } from './logger.js';
import {
  isServerDown,
  outcomeFields,
  type PublisherDeps,
  type PublishOutcome,
  publishOne,
  streamOne,
} from './publisher.js';
import type { QueueItem } from './upload-queue.js';

export interface LoopEnv {
  /** Current publisher wiring, or undefined when no server is configured. */
  publisher: () => PublisherDeps | undefined;
  mode: () => PublishMode;
  retryMaxMs: () => number;
  log: Logger;
  onOutcome?: (item: QueueItem, outcome: PublishOutcome) => void;
}

const BATCH = 24;
/** Uploads in flight at once: the server's work and the network overlap our own (redaction). */
const LANES = 3;
const IDLE_WAIT_MS = 30_000;
const HEALTH_PROBE_MS = 2_000;

/**
 * Drains the upload queue: live streams first (realtime), then versions that fell due. While
 * the server is unreachable the whole loop backs off (exponential, with jitter) instead of
 * trying every session; the first success after an outage makes the postponed ones due again.
 */
export class PublishLoop {
  private stopped = false;
  private wake: (() => void) | undefined;
  private downStreak = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly env: LoopEnv) {}

  start(): void {
    this.running ??= this.run();
  }

  /** Something was queued: look now rather than at the next timer. */
  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.running;
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = wakeable || ms <= 0 ? done : () => this.stopped && done();
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.step();
      } catch (err) {
        // A bug or a DB error must not end publishing for the daemon's lifetime.
        this.env.log.error('publish loop failed', { error: (err as Error).message });
        await this.sleep(5_000, false);
      }
    }
  }

  private async step(): Promise<void> {
    const deps = this.env.publisher();
    const mode = this.env.mode();
    if (!deps || mode === 'manual') return this.sleep(IDLE_WAIT_MS, true);
    const worked = await this.drain(deps, mode);
    if (worked === 'down') {
      const wait = backoffDelay(this.downStreak++, { baseMs: 1000, maxMs: this.env.retryMaxMs() });
      this.env.log.warn('server unreachable; publishing paused', { retry_in_ms: wait });
      return this.pauseWhileDown(deps, wait);
    }
    if (worked === 'some') return;
    const next = deps.queue.nextDueAt();
    const wait = next === undefined ? IDLE_WAIT_MS : Math.min(IDLE_WAIT_MS, Math.max(50, next - Date.now()));
    return this.sleep(wait, true);
  }

  /**
   * Waits out a backoff, but looks at the server's health every few seconds (one small GET) so
   * that publishing resumes soon after the server is back, not at the end of a long backoff.
   */
  private async pauseWhileDown(deps: PublisherDeps, waitMs: number): Promise<void> {
    const until = Date.now() + waitMs;
    while (!this.stopped && Date.now() < until) {
      await this.sleep(Math.min(HEALTH_PROBE_MS, until - Date.now()), false);
      if (this.stopped || !deps.client) return;
      const up = await deps.client.health().then(
        () => true,
        () => false,
      );
      if (up) return;
    }
  }

  /** One batch, a few uploads in flight at once; 'down' when the server could not be reached. */
  private async drain(deps: PublisherDeps, mode: PublishMode): Promise<'none' | 'some' | 'down'> {
    const live = mode === 'realtime' && deps.client ? deps.queue.liveItems(BATCH) : [];
    const due = deps.queue.due(Date.now(), BATCH).filter((d) => !live.some((l) => l.session_id === d.session_id));
    const work: Array<[QueueItem, typeof publishOne]> = [
      ...live.map((i): [QueueItem, typeof publishOne] => [i, streamOne]),
      ...due.map((i): [QueueItem, typeof publishOne] => [i, publishOne]),
    ];
    let down = false;
    let next = 0;
    const lane = async () => {
      while (next < work.length && !down && !this.stopped) {
        const [item, action] = work[next++] as [QueueItem, typeof publishOne];
        const outcome = await action(deps, item);
        this.report(item, outcome);
        if (isServerDown(outcome)) down = true;
        else if (this.downStreak > 0 && (outcome.kind === 'sent' || outcome.kind === 'streamed')) {
          this.downStreak = 0;
          deps.queue.retryAllNow(Date.now());
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(LANES, work.length) }, lane));
    if (down) return 'down';
    return work.length > 0 ? 'some' : 'none';
  }

  private report(item: QueueItem, outcome: PublishOutcome): void {
    const fields = { session: item.session_id, ...outcomeFields(outcome) };
    if (outcome.kind === 'failed') this.env.log.error('upload refused', fields);
    else if (outcome.kind === 'retry') this.env.log.warn('upload failed; will retry', fields);
    else
      this.env.log.info(
        outcome.kind === 'dropped' ? 'not uploaded' : outcome.kind === 'sent' ? 'uploaded' : 'streamed',
        fields,
      );
    this.env.onOutcome?.(item, outcome);
  }
}

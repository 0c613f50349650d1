import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiClient } from '../client/api-client.js';
import type { RetryPolicy } from '../client/retry.js';
import type { DiscoveredSource, DiscoverRoots } from '../parsers/types.js';
import { type Db, indexPath, openIndex } from '../store/db.js';
import { ChangeWatcher } from './change-watcher.js';
import { watchedTools } from './config.js';
import { acquirePidFile, daemonFiles, releasePidFile } from './daemon-files.js';
import { enqueueChanged, indexPass } from './index-pass.js';
import { indexedSources } from './local-sessions.js';
import type { Logger } from './logger.js';
import { PublishLoop } from './publish-loop.js';
import type { PublisherDeps } from './publisher.js';
import { importPulled } from './pull-import.js';
import { pullOnce } from './pull-sync.js';
import {
  modeOf,
  notices,
  privacyFor,
  type RuntimeSettings,
  readLastGood,
  type SettingsLoad,
  saveLastGood,
} from './settings.js';
import { StatusBoard } from './status.js';
import { TreeWatch } from './tree-watch.js';
import { UploadQueue } from './upload-queue.js';
import { watchTargets } from './watch-roots.js';

export interface DaemonOptions {
  dataDir: string;
  roots: DiscoverRoots;
  /** Reads and merges the config files; called at start and whenever one of `configFiles` changes. */
  loadSettings: () => Promise<SettingsLoad>;
  configFiles: string[];
  log: Logger;
  version: string;
}

export class ConfigInvalidError extends Error {}

// Requests of the daemon are retried by the queue (persistently, with backoff), so the client
// itself retries only once, quickly: a blip should not cost a queue round.
const DAEMON_RETRY: RetryPolicy = { retries: 1, baseMs: 250, maxMs: 1000 };
/** Queue of a daemon that stores sessions in git only (no server configured). */
const GIT_ONLY_QUEUE = 'git-native';

/**
 * The background daemon: watches every enabled tool's locations, indexes changes
 * incrementally, queues sessions for upload as the publish mode says, drains the queue
 * (uploads, live streams), pulls the team feed, and reloads its config when it changes.
 */
export class Daemon {
  private settings!: RuntimeSettings;
  private db!: Db;
  private status!: StatusBoard;
  private publisher: PublisherDeps | undefined;
  private readonly watcher: ChangeWatcher;
  private readonly loop: PublishLoop;
  private readonly files;
  private configWatcher: TreeWatch | undefined;
  private timers: NodeJS.Timeout[] = [];
  private pendingTools = new Set<string>();
  private passing: Promise<void> | undefined;
  private stopping = false;
  private reloadTimer: NodeJS.Timeout | undefined;
  private configError: string | null = null;
  private pulling: Promise<void> | undefined;
  private rescanning = false;

  constructor(private readonly opts: DaemonOptions) {
    this.files = daemonFiles(opts.dataDir);
    this.watcher = new ChangeWatcher({
      onChange: (tools) => this.requestPass(tools),
      debounceMs: () => this.debounceMs(),
      log: opts.log,
    });
    this.loop = new PublishLoop({
      publisher: () => this.publisher,
      mode: () => modeOf(this.settings),
      retryMaxMs: () => this.settings.config.daemon.retry_max_secs * 1000,
      log: opts.log,
      onOutcome: (item, o) => {
        if (o.kind === 'sent' || o.kind === 'streamed')
          this.status.update({
            last_upload: {
              at: new Date().toISOString(),
              session_id: item.session_id,
              url: o.kind === 'sent' ? o.url : null,
            },
          });
        else if (o.kind === 'retry' || o.kind === 'failed') this.status.error(`${item.session_id}: ${o.error}`);
      },
    });
  }

  /** Claims the pid file, loads the config, indexes once, then watches. Throws when it cannot run. */
  async start(): Promise<void> {
    acquirePidFile(this.files.pid);
    try {
      await this.loadInitialSettings();
      this.db = openIndex(indexPath(this.opts.dataDir));
      this.status = this.newStatusBoard();
      this.applySettings(this.settings, undefined);
      this.status.flush();
      await this.rescan();
      // Files written while the first pass ran, before the watcher was up.
      this.requestPass(this.tools());
      this.loop.start();
      this.startTimers();
      this.watchConfig();
      this.status.update({ state: 'running' });
      this.status.flush();
      this.opts.log.info('daemon started', { pid: process.pid, mode: modeOf(this.settings) });
    } catch (err) {
      releasePidFile(this.files.pid);
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.status?.update({ state: 'stopping' });
    for (const t of this.timers) clearInterval(t);
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.configWatcher?.close();
    await this.watcher.close();
    await this.loop.stop();
    await this.passing;
    await this.pulling;
    if (this.status) {
      this.status.update({ state: 'stopped' });
      this.status.flush();
    }
    this.db?.close();
    releasePidFile(this.files.pid);
    this.opts.log.info('daemon stopped');
  }

  private async loadInitialSettings(): Promise<void> {
    const loaded = await this.opts.loadSettings();
    if (loaded.ok) {
      this.settings = loaded.settings;
      saveLastGood(this.files.lastGoodConfig, loaded.settings);
      return;
    }
    const lastGood = readLastGood(this.files.lastGoodConfig);
    if (!lastGood) throw new ConfigInvalidError(loaded.error);
    this.opts.log.error('invalid config; running with the last good one', { error: loaded.error });
    this.settings = lastGood;
    this.configError = loaded.error;
  }

  private newStatusBoard(): StatusBoard {
    const now = new Date().toISOString();
    return new StatusBoard(this.files.status, {
      pid: process.pid,
      version: this.opts.version,
      state: 'starting',
      started_at: now,
      updated_at: now,
      config: { file: this.opts.configFiles[0] ?? '', error: this.configError, warnings: [] },
      mode: 'manual',
      notices: [],
      server: null,
      watched: {},
      last_index: null,
      last_upload: null,
      last_sync: null,
      last_error: null,
    });
  }

  private debounceMs(): number {
    const d = this.settings.config.daemon;
    return modeOf(this.settings) === 'realtime' ? d.realtime_debounce_ms : d.debounce_secs * 1000;
  }

  /** Rebuilds what depends on the settings: the client and queue (per server), status, timers. */
  private applySettings(next: RuntimeSettings, previous: RuntimeSettings | undefined): void {
    this.settings = next;
    const key = (s?: RuntimeSettings) =>
      `${s?.server?.url ?? ''}\0${s?.server?.apiKey ?? ''}\0${s?.config.git_storage.method ?? ''}`;
    if (!previous || key(previous) !== key(next)) this.publisher = this.newPublisher(next);
    const list = notices(next);
    for (const n of list) this.opts.log.warn(n);
    for (const w of next.warnings) this.opts.log.warn(w);
    this.status.update({
      mode: modeOf(next),
      notices: list,
      server: next.server?.url ?? null,
      config: { file: this.opts.configFiles[0] ?? '', error: this.configError, warnings: next.warnings },
    });
    this.loop.kick();
  }

  /**
   * The upload pipeline for these settings: a server (queue keyed by its URL), or, with native
   * git storage and no server, git alone (queue key `git-native`). Undefined: nowhere to publish.
   */
  private newPublisher(s: RuntimeSettings): PublisherDeps | undefined {
    const url = s.server?.url;
    const native = s.config.git_storage.method === 'native';
    if (!url && !native) return undefined;
    return {
      db: this.db,
      queue: new UploadQueue(this.db, url ?? GIT_ONLY_QUEUE),
      client: url
        ? new ApiClient({
            baseUrl: url,
            apiKey: s.server?.apiKey,
            retry: DAEMON_RETRY,
            userAgent: `opensession-daemon/${this.opts.version}`,
          })
        : undefined,
      home: this.opts.roots.home,
      log: this.opts.log,
      settings: () => ({
        privacy: privacyFor(this.settings),
        teamId: this.settings.server?.teamId,
        gitStorage: this.settings.config.git_storage.method,
        retryMaxMs: this.settings.config.daemon.retry_max_secs * 1000,
      }),
    };
  }

  private tools(): string[] {
    return watchedTools(this.settings.config);
  }

  /** Finds every enabled tool's sources again, re-targets the watcher, and indexes. */
  private async rescan(): Promise<void> {
    if (this.rescanning || this.stopping) return;
    this.rescanning = true;
    try {
      await this.rescanNow();
    } finally {
      this.rescanning = false;
    }
  }

  /**
   * Indexes every enabled tool (finding new sources), then points the watcher at where the
   * index says their sources are: one walk of the tools' locations per rescan.
   */
  private async rescanNow(): Promise<void> {
    const tools = this.tools();
    this.requestPass(tools);
    await this.passing;
    try {
      const sources = indexedSources(this.db, tools).map((s) => ({ ...s, size: 0, mtimeMs: 0 }) as DiscoveredSource);
      await this.watcher.setTargets(watchTargets(sources, tools, this.opts.roots));
      this.status.update({ watched: this.watcher.watched() });
    } catch (err) {
      this.opts.log.error('watching failed', { error: (err as Error).message });
      this.status.error(`watching failed: ${(err as Error).message}`);
    }
  }

  /** Queues an index pass for these tools; passes run one at a time, requests in between merge. */
  private requestPass(tools: Iterable<string>): void {
    for (const t of tools) this.pendingTools.add(t);
    this.passing ??= this.drainPasses().finally(() => {
      this.passing = undefined;
    });
  }

  private async drainPasses(): Promise<void> {
    while (this.pendingTools.size > 0 && !this.stopping) {
      const enabled = new Set(this.tools());
      const tools = [...this.pendingTools].filter((t) => enabled.has(t));
      this.pendingTools.clear();
      if (tools.length > 0) await this.pass(tools);
    }
  }

  private async pass(tools: string[]): Promise<void> {
    const started = performance.now();
    const queue = this.publisher?.queue;
    const now = Date.now();
    try {
      const result = await indexPass(this.db, this.opts.dataDir, this.opts.roots, tools, (changed) =>
        queue
          ? enqueueChanged(queue, changed, {
              mode: modeOf(this.settings),
              privacy: privacyFor(this.settings),
              home: this.opts.roots.home,
              idleMs: this.settings.config.daemon.idle_secs * 1000,
              now,
            })
          : 0,
      );
      const ms = Math.round(performance.now() - started);
      this.status.update({ last_index: { at: new Date().toISOString(), ms, changed_sessions: result.changed } });
      if (result.changed > 0 || result.firstRun)
        this.opts.log.info('indexed', {
          tools: tools.join(','),
          changed: result.changed,
          queued: result.queued,
          ms,
          first_run: result.firstRun || undefined,
        });
      if (result.queued > 0) this.loop.kick();
    } catch (err) {
      this.opts.log.error('index pass failed', { error: (err as Error).message });
      this.status.error(`index pass failed: ${(err as Error).message}`);
    }
  }

  private startTimers(): void {
    const d = this.settings.config;
    this.timers.push(setInterval(() => void this.rescan(), d.daemon.rescan_secs * 1000));
    this.timers.push(setInterval(() => void this.pull(), d.sync.interval_secs * 1000));
    void this.pull();
  }

  /** One pull of the team feed, unless one is running; stop() waits for it (it writes the DB). */
  private pull(): Promise<void> {
    const client = this.publisher?.client;
    if (!this.settings.config.sync.pull || !client?.hasCredentials || this.stopping) return Promise.resolve();
    this.pulling ??= this.pullWith(client).finally(() => {
      this.pulling = undefined;
    });
    return this.pulling;
  }

  private async pullWith(client: ApiClient): Promise<void> {
    try {
      const r = await pullOnce(client, this.db, this.settings.server?.teamId);
      const got = await importPulled(client, this.db, this.opts.dataDir);
      this.status.update({ last_sync: { at: new Date().toISOString(), pulled: r.pulled, imported: got.imported } });
      if (r.pulled > 0 || got.imported > 0 || got.failed > 0)
        this.opts.log.info('pulled team sessions', { pulled: r.pulled, ...got });
    } catch (err) {
      this.opts.log.warn('pull sync failed', { error: (err as Error).message });
      this.status.error(`pull sync failed: ${(err as Error).message}`);
    }
  }

  /** Watches the config files' directory, so a file created or replaced (editors do) is seen too. */
  private watchConfig(): void {
    this.configWatcher = new TreeWatch({
      onChange: () => {
        if (this.reloadTimer) clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => void this.reload(), 200);
      },
      onError: (message) => this.opts.log.warn(message),
    });
    for (const file of this.opts.configFiles) {
      mkdirSync(dirname(file), { recursive: true });
      this.configWatcher.add(file, true);
    }
  }

  /** A config change: applied when valid; otherwise logged (naming the key) and the last good one kept. */
  private async reload(): Promise<void> {
    if (this.stopping) return;
    const loaded = await this.opts.loadSettings();
    if (!loaded.ok) {
      this.configError = loaded.error;
      this.opts.log.error('invalid config; keeping the last good one', { error: loaded.error });
      this.status.update({ config: { ...this.status.status.config, error: loaded.error } });
      this.status.error(loaded.error);
      return;
    }
    this.configError = null;
    const previous = this.settings;
    saveLastGood(this.files.lastGoodConfig, loaded.settings);
    this.applySettings(loaded.settings, previous);
    this.opts.log.info('config reloaded', { mode: modeOf(loaded.settings) });
    const watchersChanged =
      JSON.stringify(previous.config.watchers) !== JSON.stringify(loaded.settings.config.watchers);
    const timersChanged =
      previous.config.daemon.rescan_secs !== loaded.settings.config.daemon.rescan_secs ||
      previous.config.sync.interval_secs !== loaded.settings.config.sync.interval_secs;
    if (timersChanged) {
      for (const t of this.timers) clearInterval(t);
      this.timers = [];
      this.startTimers();
    }
    if (watchersChanged) await this.rescan();
    else void this.pull();
  }
}

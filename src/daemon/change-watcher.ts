import { statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Logger } from './logger.js';
import { TreeWatch } from './tree-watch.js';
import type { WatchTargets } from './watch-roots.js';

export interface ChangeWatcherOptions {
  /** Called with the tools whose files changed, once changes have been quiet for `debounceMs()`. */
  onChange: (tools: Set<string>) => void;
  debounceMs: () => number;
  log: Logger;
}

const isInside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * Watches the tools' locations (see TreeWatch) and reports which tools changed, debounced: a burst
 * of writes becomes one call. A file that keeps changing (a session being written) still
 * reports at least every two debounce periods, so live streaming never starves.
 */
export class ChangeWatcher {
  private readonly tree: TreeWatch;
  private targets: WatchTargets = new Map();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt = 0;
  private closed = false;
  private readonly files = new Set<string>();

  constructor(private readonly opts: ChangeWatcherOptions) {
    this.tree = new TreeWatch({
      onChange: (path) => this.changed(path),
      onError: (message) => opts.log.warn(message),
    });
  }

  /** Watches exactly these targets from now on (adding and removing paths as needed). */
  async setTargets(next: WatchTargets): Promise<void> {
    if (this.closed) return; // a rescan finishing after stop must not watch again
    const before = new Set([...this.targets.values()].flat());
    const after = new Set([...next.values()].flat());
    this.targets = next;
    for (const p of before) if (!after.has(p)) this.tree.remove(p, this.files.has(p));
    for (const p of after)
      if (!before.has(p)) {
        const file = isFile(p);
        if (file) this.files.add(p);
        this.tree.add(p, file);
      }
  }

  watched(): Record<string, string[]> {
    return Object.fromEntries(this.targets);
  }

  private changed(path: string): void {
    for (const [tool, paths] of this.targets) if (paths.some((p) => isInside(path, p))) this.pending.add(tool);
    if (this.pending.size === 0) return;
    const now = Date.now();
    if (!this.timer) this.firstPendingAt = now;
    const wait = this.opts.debounceMs();
    const deadline = this.firstPendingAt + Math.max(2 * wait, 1000);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), Math.max(0, Math.min(wait, deadline - now)));
  }

  private fire(): void {
    this.timer = undefined;
    const tools = this.pending;
    this.pending = new Set();
    if (tools.size > 0) this.opts.onChange(tools);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.tree.close();
  }
}

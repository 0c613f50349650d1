import { daemonFiles, runningPid } from '../../daemon/daemon-files.js';
import { readStatusFile } from '../../daemon/status.js';
import { cleanLine } from '../text.js';

/** Starts or stops the background daemon; resolves to what happened, in words. */
export interface DaemonControl {
  start(): Promise<string>;
  stop(): Promise<string>;
}

/** Where the Settings screen reads and writes, and how it drives the daemon (passed in by the CLI). */
export interface SettingsDeps {
  /** daemon.toml. */
  configFile: string;
  /** The data dir holding daemon.pid and daemon-status.json. */
  dataDir: string;
  /** Absent: the screen shows the commands to run instead. */
  control?: DaemonControl;
}

export interface DaemonState {
  running: boolean;
  /** One line: running (pid …) · mode · last upload / error. */
  summary: string;
}

/** The daemon as its pid file and status file describe it. */
export function daemonState(dataDir: string): DaemonState {
  const files = daemonFiles(dataDir);
  const pid = runningPid(files.pid);
  if (pid === undefined) return { running: false, summary: 'daemon not running' };
  const status = readStatusFile(files.status);
  const parts = [`daemon running (pid ${pid})`];
  if (status?.pid === pid) {
    parts.push(`mode ${status.mode}`);
    if (status.last_upload) parts.push(`last upload ${status.last_upload.at}`);
    if (status.last_error) parts.push(`last error: ${cleanLine(status.last_error.message)}`);
    if (status.config.error) parts.push(`config error: ${cleanLine(status.config.error)}`);
  }
  return { running: true, summary: parts.join(' · ') };
}

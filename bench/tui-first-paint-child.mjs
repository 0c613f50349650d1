// One cold start of the terminal UI in its own process, from compiled JavaScript as installed:
// opens the index and starts the UI in a 100×30 fake terminal, as `opensession ui` does.
// Prints when the session list was first on the terminal and when Ink took over, in ms since
// the process started. Run by tui-first-paint.ts: node tui-first-paint-child.mjs <dist> <data-dir>
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, dataDir] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const { indexPath, openIndex } = await load('store/db.js');
const { localServices } = await load('tui/local-services.js');
const { startTui } = await load('tui/start.js');

let written = '';
const stdout = Object.assign(new EventEmitter(), {
  isTTY: true,
  columns: 100,
  rows: 30,
  write(chunk) {
    written += chunk;
    return true;
  },
});
const stdin = Object.assign(new EventEmitter(), {
  isTTY: true,
  setRawMode() {},
  setEncoding() {},
  resume() {},
  pause() {},
  ref() {},
  unref() {},
  read: () => null,
});

const report = {};
const db = openIndex(indexPath(dataDir));
const services = localServices({ db, cwd: process.cwd(), terminal: stdout, env: {} });
void startTui({
  services,
  env: {},
  stdout,
  stdin,
  onFirstPaint: () => {
    report.paint = performance.now();
    report.listed = /[\d,]+ sessions/.test(written);
  },
  onInteractive: () => {
    report.interactive = performance.now();
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  },
});

import path from 'node:path';

export const WORKER_DIR = path.resolve(import.meta.dirname, '../..');
export const TOOLS_DIR = path.join(WORKER_DIR, 'tools');
export const WRANGLER_JS = path.join(TOOLS_DIR, 'node_modules/wrangler/bin/wrangler.js');

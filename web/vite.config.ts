import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';

const here = import.meta.dirname;
/** The server serves this directory at / (see DEFAULT_WEB_DIR in src/server/config.ts). */
const OUT_DIR = path.resolve(here, '../dist/web');
const devApi = process.env.OPENSESSION_DEV_API ?? 'http://127.0.0.1:3000';
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

/** Writes .gz and .br next to each text file; the server sends them to browsers that accept them. */
function precompress(): Plugin {
  return {
    name: 'opensession-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? OUT_DIR;
      for (const file of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const full = path.join(dir, file);
        const data = readFileSync(full);
        writeFileSync(`${full}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${full}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [svelte(), precompress()],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  // `vite` in web/ for development: the API runs separately (`opensession server`).
  server: { proxy: { '/api': devApi, '/docs': devApi, '/llms.txt': devApi } },
});

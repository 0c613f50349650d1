import { ROUTES } from '../../api/routes.js';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );

/** A self-contained HTML page (no scripts, so it passes the strict CSP). */
export function apiHtml(version: string): string {
  const rows = ROUTES.map(
    (r) =>
      `<tr><td class="m">${r.method}</td><td><code>${esc(r.path)}</code></td><td>${r.auth}</td><td>${esc(r.summary)}</td></tr>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OpenSession API ${esc(version)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}
.m{font-weight:600}code{font-size:13px}</style></head>
<body><h1>OpenSession API ${esc(version)}</h1>
<p>Authenticate with <code>Authorization: Bearer &lt;osk_ API key or access token&gt;</code>.
Errors are <code>{"error":{"code","message"}}</code>. The full schema is at <a href="/docs/openapi.json">/docs/openapi.json</a>;
a plain-text summary at <a href="/llms.txt">/llms.txt</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Auth</th><th>Description</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

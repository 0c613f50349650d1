import { ROUTES } from '../../api/routes.js';

const AUTH_LABEL = { none: 'public', optional: 'optional', required: 'Bearer' } as const;

/** A readable markdown reference of every route (served at /docs and, shorter, at /llms.txt). */
export function apiMarkdown(version: string, baseUrl: string): string {
  const lines = [
    `# OpenSession API ${version}`,
    '',
    `Base URL: ${baseUrl}. Authenticate with \`Authorization: Bearer <osk_ API key | access token>\`.`,
    'Errors are JSON: `{"error":{"code","message"}}`. Machine-readable schema: `/docs/openapi.json`.',
    'Sessions are private unless shared with a team (`team_id`) or made public (`visibility=public`).',
    '',
  ];
  let tag = '';
  for (const r of ROUTES) {
    if (r.tag !== tag) {
      tag = r.tag;
      lines.push(`## ${tag}`, '', '| Method | Path | Auth | Description |', '|---|---|---|---|');
    }
    lines.push(`| ${r.method} | \`${r.path}\` | ${AUTH_LABEL[r.auth]} | ${r.summary} |`);
    const next = ROUTES[ROUTES.indexOf(r) + 1];
    if (!next || next.tag !== tag) lines.push('');
  }
  return lines.join('\n');
}

export function llmsTxt(version: string, baseUrl: string): string {
  return [
    '# OpenSession',
    '',
    '> Self-hosted server for AI coding sessions in the HAIL format (Human-AI Interaction Log, JSONL).',
    '',
    'Upload a session: `POST /api/sessions` with `Content-Type: application/x-ndjson` and the HAIL JSONL file as the body',
    '(first line `{"type":"header","version":"hail-1.0.0",...}`, then `{"type":"event",...}` lines, then a `stats` line).',
    'Re-uploading the same `session_id` updates it in place.',
    '',
    apiMarkdown(version, baseUrl),
  ].join('\n');
}

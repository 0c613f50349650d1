import { contentText } from './content.js';
import { formatDuration, isErrorEvent } from './extract.js';
import type { HailEvent, Session } from './session.js';
import { eventHeadline, type HeadlineStyle } from './transcript.js';

// One self-contained HTML file per session: no script, no external fetch (a CSP forbids both),
// every string from the session escaped. Long sessions stay usable because each user turn is a
// collapsible section with a table of contents, and tool output is folded and cut.

const MAX_OUTPUT_LINES = 200;
const OPEN_TURNS_AT_EACH_END = 5;
const SAFE_IMAGE = /^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const HTML_STYLE: HeadlineStyle = { code: (s) => `<code>${escapeHtml(s)}</code>`, plain: escapeHtml };

function cut(text: string): string {
  const lines = text.split('\n');
  if (lines.length <= MAX_OUTPUT_LINES) return text;
  return `${lines.slice(0, MAX_OUTPUT_LINES).join('\n')}\n… (${lines.length - MAX_OUTPUT_LINES} more lines)`;
}

function diffHtml(diff: string): string {
  const rows = cut(diff)
    .split('\n')
    .map((line) => {
      const cls = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : '';
      return cls ? `<span class="${cls}">${escapeHtml(line)}</span>` : escapeHtml(line);
    });
  return `<pre class="diff">${rows.join('\n')}</pre>`;
}

function imagesHtml(e: HailEvent): string {
  return e.content.blocks
    .map((b) =>
      b.type === 'Image' && SAFE_IMAGE.test(b.url)
        ? `<img src="${escapeHtml(b.url)}" alt="${escapeHtml(b.alt ?? 'image')}">`
        : b.type === 'Image'
          ? `<p class="muted">[image: ${escapeHtml(b.url.slice(0, 200))}]</p>`
          : '',
    )
    .join('');
}

function messageHtml(e: HailEvent, who: string, cls: string): string {
  const text = contentText(e.content).trim();
  return `<div class="msg ${cls}" id="${escapeHtml(e.event_id)}"><div class="who">${who} <time>${escapeHtml(e.timestamp)}</time></div><pre class="text">${escapeHtml(text)}</pre>${imagesHtml(e)}</div>`;
}

function activityHtml(e: HailEvent): string {
  const t = e.event_type;
  const text = contentText(e.content).trim();
  const body =
    t.type === 'FileEdit' && t.data.diff
      ? diffHtml(t.data.diff)
      : text && t.type !== 'FileRead'
        ? `<pre>${escapeHtml(cut(text))}</pre>`
        : '';
  const cls = `act${isErrorEvent(e) ? ' error' : ''}${e.task_id ? ' lane' : ''}`;
  const head = `<span class="time">${escapeHtml(e.timestamp.slice(11, 19))}</span> ${eventHeadline(e, HTML_STYLE)}`;
  const inner = body ? `<details><summary>${head}</summary>${body}</details>` : `<div>${head}</div>`;
  return `<div class="${cls}" id="${escapeHtml(e.event_id)}">${inner}${imagesHtml(e)}</div>`;
}

function eventHtml(e: HailEvent): string {
  switch (e.event_type.type) {
    case 'UserMessage':
      return messageHtml(e, '👤 User', 'user');
    case 'AgentMessage':
      return messageHtml(e, '🤖 Agent', `agent${e.task_id ? ' lane' : ''}`);
    case 'Thinking':
      return `<details class="thinking" id="${escapeHtml(e.event_id)}"><summary>💭 thinking</summary><pre class="text">${escapeHtml(contentText(e.content))}</pre></details>`;
    default:
      return activityHtml(e);
  }
}

/** Events grouped by user turn: each turn starts at a user message (events before the first form turn 0). */
export function splitTurns(events: readonly HailEvent[]): HailEvent[][] {
  const turns: HailEvent[][] = [];
  for (const e of events) {
    const current = turns.at(-1);
    if (!current || (e.event_type.type === 'UserMessage' && !e.task_id)) turns.push([e]);
    else current.push(e);
  }
  return turns;
}

function turnTitle(turn: readonly HailEvent[], n: number): string {
  const first = turn[0];
  const text = first?.event_type.type === 'UserMessage' ? contentText(first.content).trim().split('\n')[0] : '';
  return `${n + 1}. ${(text || '(before the first message)').slice(0, 100)}`;
}

function headerHtml(s: Session): string {
  const st = s.stats;
  const facts: [string, string][] = [
    ['Session', s.session_id],
    ['Tool', `${s.agent.tool}${s.agent.tool_version ? ` ${s.agent.tool_version}` : ''}`],
    ['Model', s.agent.model],
    ['Started', s.context.created_at],
    ['Duration', formatDuration(st.duration_seconds)],
    ['Events', `${st.event_count} (${st.message_count} messages, ${st.tool_call_count} tool calls)`],
    ['Files changed', `${st.files_changed} (+${st.lines_added} −${st.lines_removed})`],
    ['Tokens', `${st.total_input_tokens} in / ${st.total_output_tokens} out`],
  ];
  const rows = facts.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  return `<h1>${escapeHtml(s.context.title ?? '(untitled session)')}</h1><dl>${rows}</dl>`;
}

const CSS = `body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6e6e6;background:#16171a}.msg,.act{border-color:#333!important}code,pre{background:#222!important}}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
pre{white-space:pre-wrap;word-break:break-word;background:#f5f5f7;padding:.5rem;border-radius:4px;margin:.3rem 0}
pre.text{background:none;padding:0;font:inherit}code{background:#f0f0f2;padding:0 .2rem;border-radius:3px}
.msg{border-left:3px solid #888;padding:.3rem .8rem;margin:.8rem 0}.user{border-color:#2d7ff9}.agent{border-color:#12a150}
.who{font-weight:600}.who time,.time,.muted{color:#888;font-weight:normal;font-size:.85em}
.act{margin:.2rem 0 .2rem 1rem}.lane{margin-left:3rem}.error{color:#d33}.thinking{color:#888;margin-left:1rem}
.diff .add{color:#12a150}.diff .del{color:#d33}.diff .hunk{color:#888}img{max-width:100%}
section>details>summary{font-size:1.1em;font-weight:600;margin-top:1rem;cursor:pointer}nav ol{padding-left:1.5rem}`;

/** A self-contained, script-free HTML page of the session. The caller redacts first when it should. */
export function renderSessionHtml(s: Session): string {
  const turns = splitTurns(s.events);
  const isOpen = (i: number) => i < OPEN_TURNS_AT_EACH_END || i >= turns.length - OPEN_TURNS_AT_EACH_END;
  const toc = turns.map((t, i) => `<li><a href="#turn-${i + 1}">${escapeHtml(turnTitle(t, i))}</a></li>`).join('');
  const sections = turns.map(
    (t, i) =>
      `<section id="turn-${i + 1}"><details${isOpen(i) ? ' open' : ''}><summary>${escapeHtml(turnTitle(t, i))}</summary>${t.map(eventHtml).join('\n')}</details></section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="generator" content="opensession">
<title>${escapeHtml(s.context.title ?? s.session_id)}</title><style>${CSS}</style></head>
<body>${headerHtml(s)}${turns.length > 1 ? `<nav><h2>Turns</h2><ol>${toc}</ol></nav>` : ''}
${sections.join('\n')}
</body></html>
`;
}

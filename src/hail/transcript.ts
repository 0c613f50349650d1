import { contentText } from './content.js';
import { formatDuration } from './extract.js';
import type { HailEvent, Session } from './session.js';

// A readable Markdown transcript of a session: messages in full, tool activity as one-liners
// with their output in fenced blocks (cut long), subagent events indented by lane.

const MAX_OUTPUT_LINES = 40;

function fence(text: string, lang = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  const lines = text.split('\n');
  const shown =
    lines.length > MAX_OUTPUT_LINES
      ? [...lines.slice(0, MAX_OUTPUT_LINES), `… (${lines.length - MAX_OUTPUT_LINES} more lines)`]
      : lines;
  return `${ticks}${lang}\n${shown.join('\n')}\n${ticks}`;
}

/** How a headline shows code-like parts (paths, commands) and ordinary text, per output format. */
export interface HeadlineStyle {
  code: (s: string) => string;
  plain: (s: string) => string;
}

const MARKDOWN_STYLE: HeadlineStyle = { code: (s) => `\`${s}\``, plain: (s) => s };

/** One line saying what a non-message event did, e.g. "$ `npm test` → exit 1". */
export function eventHeadline(e: HailEvent, style: HeadlineStyle = MARKDOWN_STYLE): string {
  const { code, plain } = style;
  const t = e.event_type;
  switch (t.type) {
    case 'ToolCall':
      return `🔧 ${plain(t.data.name)}`;
    case 'ToolResult':
      return `${t.data.is_error ? '✗' : '↳'} ${plain(t.data.name)} result`;
    case 'FileRead':
      return `📖 read ${code(t.data.path)}`;
    case 'FileEdit':
      return `✏️ edit ${code(t.data.path)}`;
    case 'FileCreate':
      return `📄 create ${code(t.data.path)}`;
    case 'FileDelete':
      return `🗑 delete ${code(t.data.path)}`;
    case 'ShellCommand':
      return `$ ${code(t.data.command.split('\n')[0] ?? '')}${t.data.exit_code === undefined ? '' : ` → exit ${t.data.exit_code}`}`;
    case 'CodeSearch':
    case 'WebSearch':
      return `🔍 ${t.type === 'WebSearch' ? 'web ' : ''}search ${code(t.data.query)}`;
    case 'FileSearch':
      return `🔍 find ${code(t.data.pattern)}`;
    case 'WebFetch':
      return `🌐 fetch ${plain(t.data.url)}`;
    case 'TaskStart':
      return `▶ subagent ${plain(t.data.title ?? '')}`.trimEnd();
    case 'TaskEnd':
      return `■ subagent done${t.data.summary ? `: ${plain(t.data.summary.split('\n')[0] ?? '')}` : ''}`;
    case 'Custom':
      return `· ${plain(t.data.kind)}`;
    default:
      return `· ${t.type}`;
  }
}

function eventMarkdown(e: HailEvent): string {
  const t = e.event_type.type;
  const text = contentText(e.content).trim();
  const time = e.timestamp.slice(11, 19);
  if (t === 'UserMessage') return `### 👤 User · ${time}\n\n${text}`;
  if (t === 'AgentMessage') return `### 🤖 Agent · ${time}\n\n${text}`;
  if (t === 'SystemMessage') return `> **system** · ${time}: ${text.split('\n')[0] ?? ''}`;
  if (t === 'Thinking') return `<details><summary>💭 thinking · ${time}</summary>\n\n${text}\n\n</details>`;
  const diff = e.event_type.type === 'FileEdit' ? e.event_type.data.diff : undefined;
  const body = diff ? fence(diff, 'diff') : text && t !== 'FileRead' ? fence(text) : '';
  return `- ${time} ${eventHeadline(e)}${body ? `\n\n${body.replace(/^/gm, '  ')}` : ''}`;
}

export function renderTranscriptMarkdown(s: Session): string {
  const st = s.stats;
  const head = [
    `# ${s.context.title ?? '(untitled session)'}`,
    '',
    `- **Session:** \`${s.session_id}\``,
    `- **Tool:** ${s.agent.tool}${s.agent.tool_version ? ` ${s.agent.tool_version}` : ''} · **Model:** ${s.agent.model}`,
    `- **Started:** ${s.context.created_at} · **Duration:** ${formatDuration(st.duration_seconds)}`,
    `- **Events:** ${st.event_count} · **Messages:** ${st.message_count} · **Tool calls:** ${st.tool_call_count} · **Files changed:** ${st.files_changed} (+${st.lines_added} -${st.lines_removed})`,
    `- **Tokens:** ${st.total_input_tokens} in / ${st.total_output_tokens} out`,
    '',
  ];
  const body = s.events.map((e) => {
    const md = eventMarkdown(e);
    return e.task_id ? md.replace(/^/gm, '    ') : md;
  });
  return `${[...head, ...body].join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

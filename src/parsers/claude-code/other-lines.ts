import { ATTR } from '../../hail/session.js';
import { isRecord, num, str } from '../shared/text.js';
import { event, type LineCtx } from './context.js';
import { custom } from './custom.js';
import { userText } from './user.js';

type Rec = Record<string, unknown>;

/** System subtypes that only time or instrument the turn; nothing to show. */
const QUIET_SYSTEM = new Set(['turn_duration', 'stop_hook_summary']);

/** Attachments that re-inject context the model already had (reminders, listings, file echoes). */
const CONTEXT_ATTACHMENTS = new Set([
  'skill_listing',
  'task_reminder',
  'todo_reminder',
  'deferred_tools_delta',
  'edited_text_file',
  'edited_image_file',
  'plan_mode',
  'plan_mode_reentry',
  'plan_mode_exit',
  'critical_system_reminder',
  'date_change',
  'nested_memory',
  'output_style',
  'token_usage',
  'budget_usd',
]);

function systemMessage(ctx: LineCtx, text: string, attributes: Rec, suffix = 'system'): void {
  ctx.emit(
    event(ctx, {
      id: `${ctx.uuid}:${suffix}`,
      type: { type: 'SystemMessage' },
      blocks: [{ type: 'Text', text }],
      attributes,
    }),
  );
}

function apiErrorText(rec: Rec): string {
  const err = isRecord(rec.error) ? rec.error : {};
  const inner = isRecord(err.error) ? err.error : {};
  const detail = str(err.message) ?? str(inner.message) ?? str(rec.content);
  const status = num(err.status);
  const attempt = num(rec.retryAttempt);
  const max = num(rec.maxRetries);
  const retry = attempt !== undefined ? `; retry ${attempt}${max !== undefined ? ` of ${max}` : ''}` : '';
  return `API error${status !== undefined ? ` ${status}` : ''}${detail ? `: ${detail}` : ''}${retry}`;
}

function hookErrors(rec: Rec): string | undefined {
  const errs = Array.isArray(rec.hookErrors) ? rec.hookErrors : [];
  const lines = errs.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
  return lines.length ? lines.join('\n') : undefined;
}

/** A `system` line: API retries, slash commands (2.1+), compaction, hook errors, notices. */
export function systemLine(ctx: LineCtx, rec: Rec): void {
  const subtype = str(rec.subtype) ?? 'system';
  const content = str(rec.content);
  if (subtype === 'api_error') {
    const attrs: Rec = { [ATTR.error]: true, kind: 'api_error' };
    if (num(rec.retryAttempt) !== undefined) attrs.retry_attempt = rec.retryAttempt;
    systemMessage(ctx, apiErrorText(rec), attrs);
  } else if (subtype === 'local_command' && content) userText(ctx, content);
  else if (subtype === 'stop_hook_summary') {
    const errors = hookErrors(rec);
    if (errors) systemMessage(ctx, errors, { [ATTR.error]: true, kind: 'hook_error' });
  } else if (content) {
    const attrs: Rec = { kind: subtype };
    if (typeof rec.level === 'string') attrs.level = rec.level;
    systemMessage(ctx, content, attrs);
  } else if (!QUIET_SYSTEM.has(subtype)) custom(ctx, `system:${subtype}`, rec);
}

/**
 * An `attachment` line. A prompt typed while the agent was busy is recorded as a
 * `queued_command` attachment and never as a user line: it is the user's message.
 */
export function attachmentLine(ctx: LineCtx, rec: Rec): void {
  const a = isRecord(rec.attachment) ? rec.attachment : undefined;
  const type = str(a?.type) ?? 'unknown';
  if (!a || CONTEXT_ATTACHMENTS.has(type)) return;
  if (type === 'queued_command' && typeof a.prompt === 'string') {
    const mode = str(a.commandMode) ?? 'prompt';
    if (mode === 'prompt') userText(ctx, a.prompt);
    else systemMessage(ctx, a.prompt, { kind: mode });
  } else custom(ctx, `attachment:${type}`, a);
}

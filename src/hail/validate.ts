import { eventPath } from './event-type.js';
import type { Session } from './session.js';

export type ValidationError =
  | { kind: 'InvalidVersion'; version: string }
  | { kind: 'EmptyField'; field: string }
  | { kind: 'NoEvents' }
  | { kind: 'EmptyEventId'; index: number }
  | { kind: 'MissingToolName'; index: number; event_id: string }
  | { kind: 'MissingPath'; index: number; event_id: string }
  | { kind: 'MissingCommand'; index: number; event_id: string }
  | { kind: 'DuplicateEventId'; index: number; event_id: string }
  | { kind: 'InvalidTimestamp'; index: number; event_id: string; timestamp: string }
  | { kind: 'EventsOutOfOrder'; index: number; event_id: string };

/** Checks every rule of reference-spec 1.3 and returns all violations (empty = valid). */
export function validateSession(s: Session): ValidationError[] {
  const errors: ValidationError[] = [];
  if (!s.version.startsWith('hail-')) errors.push({ kind: 'InvalidVersion', version: s.version });
  if (!s.session_id) errors.push({ kind: 'EmptyField', field: 'session_id' });
  if (!s.agent.provider) errors.push({ kind: 'EmptyField', field: 'agent.provider' });
  if (!s.agent.tool) errors.push({ kind: 'EmptyField', field: 'agent.tool' });
  if (s.events.length === 0) errors.push({ kind: 'NoEvents' });

  const seen = new Set<string>();
  let prevTime = Number.NEGATIVE_INFINITY;
  s.events.forEach((e, index) => {
    const event_id = e.event_id;
    if (!event_id) errors.push({ kind: 'EmptyEventId', index });
    const t = e.event_type;
    if ((t.type === 'ToolCall' || t.type === 'ToolResult') && !t.data.name)
      errors.push({ kind: 'MissingToolName', index, event_id });
    const p = eventPath(t);
    if (p !== undefined && !p) errors.push({ kind: 'MissingPath', index, event_id });
    if (t.type === 'ShellCommand' && !t.data.command) errors.push({ kind: 'MissingCommand', index, event_id });
    if (event_id) {
      if (seen.has(event_id)) errors.push({ kind: 'DuplicateEventId', index, event_id });
      seen.add(event_id);
    }
    const time = Date.parse(e.timestamp);
    if (Number.isNaN(time)) errors.push({ kind: 'InvalidTimestamp', index, event_id, timestamp: e.timestamp });
    else {
      if (time < prevTime) errors.push({ kind: 'EventsOutOfOrder', index, event_id });
      prevTime = time;
    }
  });
  return errors;
}

export function describeValidationError(e: ValidationError): string {
  switch (e.kind) {
    case 'InvalidVersion':
      return `version "${e.version}" does not start with "hail-"`;
    case 'EmptyField':
      return `${e.field} is empty`;
    case 'NoEvents':
      return 'session has no events';
    case 'EmptyEventId':
      return `events[${e.index}].event_id is empty`;
    case 'MissingToolName':
      return `events[${e.index}] (${e.event_id}) needs a tool name`;
    case 'MissingPath':
      return `events[${e.index}] (${e.event_id}) needs a path`;
    case 'MissingCommand':
      return `events[${e.index}] (${e.event_id}) needs a command`;
    case 'DuplicateEventId':
      return `events[${e.index}] repeats event_id "${e.event_id}"`;
    case 'InvalidTimestamp':
      return `events[${e.index}] (${e.event_id}) has an invalid timestamp "${e.timestamp}"`;
    case 'EventsOutOfOrder':
      return `events[${e.index}] (${e.event_id}) is earlier than the event before it`;
  }
}

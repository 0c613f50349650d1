import { basename } from 'node:path';
import { jsonLines } from '../shared/json-lines.js';
import type { WarningSink } from '../shared/warnings.js';
import {
  type GooseSession,
  isMetadataLine,
  LegacyMetadataSchema,
  MessageSchema,
  type StoredMessage,
} from './schema.js';

type Metadata = ReturnType<typeof LegacyMetadataSchema.parse>;

const orUndef = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

function fromMetadata(id: string, meta: Metadata | undefined, messages: StoredMessage[]): GooseSession {
  return {
    id,
    name: orUndef(meta?.description),
    workingDir: orUndef(meta?.working_dir),
    // accumulated_* sum every request; the plain fields hold only the provider's last usage.
    inputTokens: orUndef(meta?.accumulated_input_tokens ?? meta?.input_tokens),
    outputTokens: orUndef(meta?.accumulated_output_tokens ?? meta?.output_tokens),
    attributes: meta?.schedule_id ? { schedule_id: meta.schedule_id } : {},
    messages,
  };
}

/**
 * A legacy session file (~/.local/share/goose/sessions/<id>.jsonl): a metadata line, then one
 * message per line. Goose rewrites the whole file on save, so it is always read whole.
 */
export async function readJsonlSession(path: string, sink: WarningSink): Promise<GooseSession> {
  let meta: Metadata | undefined;
  const messages: StoredMessage[] = [];
  for await (const { value, line } of jsonLines(path, sink)) {
    if (line === 1 && isMetadataLine(value)) {
      const parsed = LegacyMetadataSchema.safeParse(value);
      if (parsed.success) meta = parsed.data;
      else sink.add('unknown-shape', 'metadata line has unexpected fields', line);
      continue;
    }
    const m = MessageSchema.safeParse(value);
    if (m.success) messages.push({ key: m.data.id ?? `line${line}`, message: m.data });
    else {
      sink.add('unknown-shape', 'not a Goose message: kept as a Custom event', line);
      messages.push({ key: `line${line}`, raw: value });
    }
  }
  return fromMetadata(basename(path, '.jsonl'), meta, messages);
}

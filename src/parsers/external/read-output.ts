import type { Readable } from 'node:stream';
import { HailReadError, readHailSession } from '../../hail/jsonl-read.js';
import { splitLineBatches } from '../../hail/lines.js';
import { type Session, SessionSchema } from '../../hail/session.js';
import { tryParseJson } from '../shared/text.js';
import type { WarningSink } from '../shared/warnings.js';

/** A converter printing one Session JSON document is buffered whole; past this it is refused. */
const DOCUMENT_LIMIT = 256 * 1024 * 1024;

const HEADER_HINT = /"type"\s*:\s*"header"/;

function isHeaderLine(text: string): boolean {
  if (!HEADER_HINT.test(text)) return false;
  const v = tryParseJson(text);
  return typeof v === 'object' && v !== null && (v as Record<string, unknown>).type === 'header';
}

const hasHailVersion = (s: Pick<Session, 'version'>): boolean => s.version.startsWith('hail-');

interface Segment {
  /** stdout line number of the segment's header. */
  startLine: number;
  lines: string[];
}

/** One session of HAIL JSONL (header, events, stats), with warnings at stdout line numbers. */
async function segmentSession(seg: Segment, sink: WarningSink): Promise<Session | undefined> {
  const at = (line: number) => seg.startLine - 1 + line;
  try {
    const { session, issues } = await readHailSession(
      (async function* () {
        for (const l of seg.lines) yield `${l}\n`;
      })(),
    );
    for (const i of issues) sink.add('invalid', `invalid HAIL line: ${i.message}`, at(i.line));
    if (hasHailVersion(session)) return session;
    sink.add('invalid', `header version "${session.version}" does not start with "hail-"`, seg.startLine);
  } catch (e) {
    const line = e instanceof HailReadError ? at(e.line) : seg.startLine;
    sink.add('invalid', `invalid HAIL header: ${e instanceof HailReadError ? e.reason : (e as Error).message}`, line);
  }
  return undefined;
}

/** The reference's protocol: one Session JSON object (an array of them is accepted too). */
function documentSessions(text: string, sink: WarningSink): Session[] {
  const value = tryParseJson(text);
  if (value === undefined) {
    sink.add('invalid', 'output is neither HAIL JSONL nor a JSON Session document');
    return [];
  }
  const out: Session[] = [];
  (Array.isArray(value) ? value : [value]).forEach((v, i) => {
    const r = SessionSchema.safeParse(v);
    const where = Array.isArray(value) ? `session ${i}: ` : '';
    if (!r.success) {
      const issue = r.error.issues[0];
      sink.add(
        'invalid',
        `${where}not a HAIL Session (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'})`,
      );
    } else if (!hasHailVersion(r.data))
      sink.add('invalid', `${where}version "${r.data.version}" does not start with "hail-"`);
    else out.push(r.data);
  });
  return out;
}

/**
 * Reads a converter's stdout as it streams. HAIL JSONL starts with a header line; every
 * further header line starts another session. Anything else is read as one JSON document.
 */
export async function readConverterOutput(stdout: Readable, sink: WarningSink): Promise<Session[]> {
  const sessions: Session[] = [];
  let mode: 'jsonl' | 'document' | undefined;
  let seg: Segment | undefined;
  const doc: string[] = [];
  let docBytes = 0;
  const finish = async () => {
    const s = seg ? await segmentSession(seg, sink) : undefined;
    if (s) sessions.push(s);
    seg = undefined;
  };
  for await (const batch of splitLineBatches(stdout)) {
    for (const line of batch) {
      if (mode === undefined) {
        if (!line.text.trim()) continue;
        mode = isHeaderLine(line.text) ? 'jsonl' : 'document';
      }
      if (mode === 'document') {
        // Past the limit the rest is drained, not kept: the converter must not block on a full pipe.
        docBytes += line.text.length + 1;
        if (docBytes <= DOCUMENT_LIMIT) doc.push(line.text);
        continue;
      }
      if (isHeaderLine(line.text) && seg) await finish();
      seg ??= { startLine: line.no, lines: [] };
      seg.lines.push(line.text);
    }
  }
  if (mode === 'jsonl') await finish();
  if (mode === 'document') {
    if (docBytes > DOCUMENT_LIMIT)
      sink.add('invalid', `JSON output larger than ${DOCUMENT_LIMIT} bytes: use HAIL JSONL`);
    else sessions.push(...documentSessions(doc.join('\n'), sink));
  }
  return sessions;
}

/**
 * A "user" turn in Cline's API history is mostly the extension talking: tool results,
 * environment details, reminders. Only some parts are what the person typed (`<task>`,
 * `<feedback>`, `<answer>`, `<user_message>`). This sorts one text block into pieces.
 */
export type UserPiece =
  | { kind: 'user'; text: string }
  | { kind: 'system'; text: string; error?: boolean }
  | { kind: 'result'; tool: string; target?: string; body: string }
  | { kind: 'file'; path: string; content: string };

const ENV_DETAILS = /<environment_details>[\s\S]*?(<\/environment_details>|$)/g;
const CWD_IN_ENV = /# Current (?:Working|Workspace) Directory \(([^)\n]+)\) Files/;
const RESULT = /^\[([\w-]+)(?: for '([\s\S]*?)')?\] Result:[ \t]*\r?\n?/;
const FILE_CONTENT = /<file_content path="([^"]*)">\r?\n?([\s\S]*?)<\/file_content>/g;
const USER_TAGS = /<(feedback|answer|user_message)>([\s\S]*?)(?:<\/\1>|$)/g;
const TASK = /<task>([\s\S]*?)(?:<\/task>|$)/;
const COMMAND_OUTPUT = /^Command (?:executed|failed with exit code -?\d+|is still running)/;
const SYSTEM_NOTES = /^\[(?:ERROR|TASK RESUMPTION|The user has switched to[^\]]*)\]/;

/** Reminders the extension appends to every turn: repeated boilerplate, no information. */
const BOILERPLATE = [
  '# task_progress',
  '# TODO LIST UPDATE REQUIRED',
  'The user has provided feedback on the results',
  '(The user did not provide a new message',
  'Files attached by the user:',
];

/** The working directory named in an `<environment_details>` block, if any. */
export const cwdFromEnvironment = (text: string): string | undefined => CWD_IN_ENV.exec(text)?.[1]?.trim();

/** Texts inside the tags that carry what the person typed. */
export function userTagTexts(text: string): string[] {
  return [...text.matchAll(USER_TAGS)].map((m) => m[2]!.trim()).filter(Boolean);
}

function filePieces(text: string): { rest: string; files: UserPiece[] } {
  const files: UserPiece[] = [];
  const rest = text.replace(FILE_CONTENT, (_all, path: string, content: string) => {
    files.push({ kind: 'file', path, content: content.replace(/\r?\n$/, '') });
    return '';
  });
  return { rest, files };
}

function classifyRest(text: string): UserPiece[] {
  const task = TASK.exec(text);
  if (task) return task[1]!.trim() ? [{ kind: 'user', text: task[1]!.trim() }] : [];
  const typed = userTagTexts(text);
  if (typed.length) return [{ kind: 'user', text: typed.join('\n\n') }];
  if (SYSTEM_NOTES.test(text))
    return [{ kind: 'system', text, ...(text.startsWith('[ERROR]') ? { error: true } : {}) }];
  if (BOILERPLATE.some((b) => text.startsWith(b))) return [];
  if (COMMAND_OUTPUT.test(text)) return [{ kind: 'result', tool: 'execute_command', body: text }];
  return [{ kind: 'user', text }];
}

export function classifyUserText(raw: string): UserPiece[] {
  const text = raw.replace(ENV_DETAILS, '').trim();
  if (!text) return [];
  const result = RESULT.exec(text);
  if (result) {
    const target = result[2];
    return [{ kind: 'result', tool: result[1]!, ...(target ? { target } : {}), body: text.slice(result[0].length) }];
  }
  const { rest, files } = filePieces(text);
  return [...classifyRest(rest.trim()), ...files];
}

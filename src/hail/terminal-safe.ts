// Session content is untrusted: a transcript can carry ANSI/OSC escape sequences (from tool
// output, or planted) that would recolour, retitle or rewrite the user's terminal. Everything
// printed to a terminal passes through here first.
const ESCAPES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[@-Z\\-_]|[\u0080-\u009f]/g;
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Removes escape sequences and control characters, keeping newlines and tabs. */
export function stripTerminalEscapes(text: string): string {
  return text
    .replace(ESCAPES, '')
    .replace(/\r(?!\n)/g, '')
    .replace(CONTROLS, '');
}

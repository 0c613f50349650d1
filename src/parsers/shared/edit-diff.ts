/**
 * A unified-diff-shaped text for an edit given as old/new strings (Claude's Edit,
 * Cline's replace_in_file...). Not a minimal diff: removed then added lines, which is
 * what the +/- line counts in Stats and the coloured diff views need.
 */
export function editDiff(path: string, oldText: string, newText: string): string {
  const minus = oldText === '' ? [] : oldText.split('\n').map((l) => `-${l}`);
  const plus = newText === '' ? [] : newText.split('\n').map((l) => `+${l}`);
  return [`--- a/${path}`, `+++ b/${path}`, `@@ -1,${minus.length} +1,${plus.length} @@`, ...minus, ...plus].join('\n');
}

/** A diff that adds every line of a new file. */
export function createDiff(path: string, content: string): string {
  return editDiff(path, '', content);
}

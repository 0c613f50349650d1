import type { Command } from 'commander';

/** "session index" for the `index` command under `session`; the root's own name is left out. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * The deepest command the argv names, for errors raised while commander is still parsing
 * (before any action runs, so no preAction hook has told us). Options are skipped; an option's
 * value can only be mistaken for a subcommand if it spells one, which costs a less precise hint.
 */
export function resolveCommand(root: Command, argv: readonly string[]): Command {
  let cmd = root;
  for (const token of argv) {
    if (token === '--') break;
    if (token.startsWith('-')) continue;
    const next = cmd.commands.find((c) => c.name() === token || c.aliases().includes(token));
    if (!next) continue;
    cmd = next;
  }
  return cmd;
}

/** `--json` anywhere before `--`: decides the error format even when parsing itself failed. */
export function wantsJson(argv: readonly string[]): boolean {
  for (const token of argv) {
    if (token === '--') return false;
    if (token === '--json') return true;
  }
  return false;
}

export function rootOf(cmd: Command): Command {
  let c = cmd;
  while (c.parent) c = c.parent;
  return c;
}

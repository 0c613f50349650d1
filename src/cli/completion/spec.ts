import type { Command } from 'commander';

// The commander tree reduced to what a shell needs to complete a word. The three renderers
// consume only this, so they are pure and tested on a literal tree as well as the real one.

export interface CompletionOption {
  /** Every spelling: ['-n', '--limit']. */
  flags: string[];
  description: string;
  takesValue: boolean;
  /** Fixed values (`--format md|json`); absent means "any value", completed as a file name. */
  choices?: string[];
}

export interface CompletionArgument {
  name: string;
  choices?: string[];
  variadic: boolean;
}

export interface CompletionNode {
  /** Command names from the root: [] for the program, ['session', 'log'] for `session log`. */
  path: string[];
  description: string;
  options: CompletionOption[];
  args: CompletionArgument[];
  subcommands: CompletionNode[];
}

/** Walks what `--help` shows (hidden commands and options stay hidden from completion too). */
export function completionTree(root: Command): CompletionNode {
  return walk(root, [], undefined);
}

function walk(cmd: Command, path: string[], parent: Command | undefined): CompletionNode {
  const help = cmd.createHelp();
  const subcommands = help.visibleCommands(cmd);
  return {
    path,
    description: cmd.description(),
    options: help.visibleOptions(cmd).map((o) => {
      const option: CompletionOption = {
        flags: [o.short, o.long].filter((f): f is string => typeof f === 'string'),
        description: o.description,
        takesValue: o.required || o.optional,
      };
      if (o.argChoices) option.choices = [...o.argChoices];
      return option;
    }),
    // registeredArguments, not visibleArguments: help hides arguments that lack a description.
    args: cmd.registeredArguments.map((a) => {
      const arg: CompletionArgument = { name: a.name(), variadic: a.variadic };
      if (a.argChoices) arg.choices = [...a.argChoices];
      // commander's implicit `help [command]` (not attached, so its parent is passed in):
      // its argument is one of the sibling commands.
      else if (parent && cmd.name() === 'help' && a.name() === 'command') {
        arg.choices = parent.commands.map((c) => c.name()).filter((n) => n !== 'help');
      }
      return arg;
    }),
    subcommands: subcommands.map((sub) => walk(sub, [...path, sub.name()], cmd)),
  };
}

/** Depth-first list of every node, the root first. */
export function flattenTree(node: CompletionNode): CompletionNode[] {
  return [node, ...node.subcommands.flatMap(flattenTree)];
}

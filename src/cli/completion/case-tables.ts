import { type CompletionNode, flattenTree } from './spec.js';

// The bash and zsh scripts share one design: the command tree compiled into shell `case`
// tables keyed by command path ("session log"). Only how a table entry prints its words
// differs between shells, so each shell passes its printers and gets the same tables.

export type CaseEntries = Array<[string, string]>;

export interface CaseTables {
  subcommands: CaseEntries;
  options: CaseEntries;
  valueOptions: CaseEntries;
  optionValues: CaseEntries;
  argValues: CaseEntries;
  argCounts: CaseEntries;
}

export interface ShellPrinters {
  /** The body that prints a node's subcommands. */
  subcommands(n: CompletionNode): string;
  /** The body that prints a node's option flags. */
  options(n: CompletionNode): string;
  /** The body that prints a list of literal choices. */
  choices(values: readonly string[]): string;
  /** The body that prints a number. */
  count(n: number): string;
}

export const shellQuote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

const key = (n: CompletionNode): string => n.path.join(' ');

export function buildCaseTables(tree: CompletionNode, print: ShellPrinters): CaseTables {
  const nodes = flattenTree(tree);
  const t: CaseTables = {
    subcommands: nodes.filter((n) => n.subcommands.length > 0).map((n) => [key(n), print.subcommands(n)]),
    options: nodes.map((n) => [key(n), print.options(n)]),
    valueOptions: [],
    optionValues: [],
    argValues: [],
    argCounts: [],
  };
  for (const n of nodes) {
    for (const o of n.options) {
      if (!o.takesValue) continue;
      for (const flag of o.flags) {
        t.valueOptions.push([`${key(n)}|${flag}`, 'return 0']);
        if (o.choices) t.optionValues.push([`${key(n)}|${flag}`, print.choices(o.choices)]);
      }
    }
    n.args.forEach((a, i) => {
      if (a.choices) t.argValues.push([`${key(n)}|${i}`, print.choices(a.choices)]);
    });
    // A variadic last argument never runs out, so it counts as unbounded.
    t.argCounts.push([key(n), print.count(n.args.at(-1)?.variadic ? 999 : n.args.length)]);
  }
  return t;
}

/** The lookup functions both scripts define, one per table. */
export function caseFunctions(fn: string, t: CaseTables, caseLine: (k: string, v: string) => string): string {
  const cases = (entries: CaseEntries) => entries.map(([k, v]) => caseLine(k, v)).join('\n');
  return `${fn}_subcommands() {
  case "$1" in
${cases(t.subcommands)}
  esac
}

${fn}_options() {
  case "$1" in
${cases(t.options)}
  esac
}

${fn}_takes_value() {
  case "$1|$2" in
${cases(t.valueOptions)}
  esac
  return 1
}

${fn}_option_values() {
  case "$1|$2" in
${cases(t.optionValues)}
  esac
}

${fn}_arg_values() {
  case "$1|$2" in
${cases(t.argValues)}
  esac
}

${fn}_arg_count() {
  case "$1" in
${cases(t.argCounts)}
  esac
}`;
}

import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_COMMAND, REPO_ROOT, runCli, tempHome } from './run-cli.js';

function hasShell(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

// Every command path of the program, as a user types it.
const COMMANDS = [
  'ui',
  'session',
  'publish',
  'ops',
  'account',
  'docs',
  'server',
  'mcp',
  'daemon',
  'discover',
  'parse',
  'index',
  'log',
  'search',
  'show',
  'stats',
  'handoff',
  'diff',
  'timeline',
  'export',
  'doctor',
  'upload',
  'upload-all',
  'start',
  'stop',
  'status',
  'logs',
  'enable',
  'disable',
  'install',
  'uninstall',
  'config',
  'verify',
  'completion',
];

let home: string;
let dispose: () => void;
const scripts: Record<'bash' | 'zsh' | 'fish', { text: string; file: string }> = {
  bash: { text: '', file: '' },
  zsh: { text: '', file: '' },
  fish: { text: '', file: '' },
};

beforeAll(async () => {
  ({ home, dispose } = tempHome());
  await Promise.all(
    (['bash', 'zsh', 'fish'] as const).map(async (shell) => {
      const r = await runCli(['docs', 'completion', shell], { home });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const file = join(home, `completion.${shell}`);
      writeFileSync(file, r.stdout);
      scripts[shell] = { text: r.stdout, file };
    }),
  );
}, 120_000);
afterAll(() => dispose());

describe('bash', () => {
  it('sourcing the script from the CLI registers the completion', () => {
    const out = execFileSync(
      'bash',
      ['-c', `source <(${CLI_COMMAND} docs completion bash) && complete -p opensession`],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' }, encoding: 'utf8' },
    );
    expect(out).toBe('complete -F _opensession opensession\n');
  });

  /** Calls the completion function the way bash does on <TAB>; the last word is the one being completed. */
  function complete(...words: string[]): string[] {
    const script = [
      `source ${JSON.stringify(scripts.bash.file)}`,
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS template
      'COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
      '_opensession',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS template
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const out = execFileSync('bash', ['-c', script], { cwd: home, encoding: 'utf8' });
    return out.split('\n').filter(Boolean);
  }

  it('completes opensession ses<TAB> to session', () => {
    expect(complete('opensession', 'ses')).toEqual(['session']);
  });

  it('lists the groups at the top level', () => {
    expect(complete('opensession', '')).toEqual([
      'ui',
      'session',
      'publish',
      'ops',
      'account',
      'docs',
      'server',
      'mcp',
      'daemon',
      'help',
    ]);
  });

  it('walks nested groups, skipping options and their values', () => {
    expect(complete('opensession', 'ops', 'daemon', '')).toEqual(['start', 'stop', 'status', 'logs', 'help']);
    expect(complete('opensession', 'session', 'log', '-n', '5', '--to')).toEqual(['--tool']);
  });

  it('completes option values from their choices, also after =', () => {
    expect(complete('opensession', 'session', 'show', '--format', '')).toEqual(['md', 'hail', 'json']);
    // bash splits --format=m into three words because "=" is in COMP_WORDBREAKS.
    expect(complete('opensession', 'session', 'export', '--format', '=', 'h')).toEqual(['html', 'hail']);
    expect(complete('opensession', 'session', 'log', '--tool', 'co')).toEqual(['codex']);
  });

  it('completes argument choices, then options once the arguments are given', () => {
    expect(complete('opensession', 'docs', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('opensession', 'docs', 'completion', 'bash', '')).toEqual(['-h', '--help']);
  });

  it('completes file names where a command takes a path', () => {
    writeFileSync(join(home, 'session-a.jsonl'), '');
    expect(complete('opensession', 'session', 'parse', 'session-')).toEqual(['session-a.jsonl']);
  });
});

describe.skipIf(!hasShell('zsh'))('zsh', () => {
  it('passes zsh -n and mentions every command', () => {
    expect(spawnSync('zsh', ['-n', scripts.zsh.file]).status).toBe(0);
    expect(scripts.zsh.text.startsWith('#compdef opensession\n')).toBe(true);
    for (const name of COMMANDS) expect(scripts.zsh.text).toContain(`'${name}:`);
  });

  it('offers the subcommands of the path typed so far', () => {
    // zsh only completes inside its line editor; stub its completion builtins to see what the
    // function would offer.
    const script = [
      'compdef() { :; }',
      'compset() { :; }',
      '_files() { print -r -- files; }',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS template
      'compadd() { print -r -- "values: ${(j: :)${(P)2}}"; }',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS template
      '_describe() { local -a arr; arr=("${(@P)${@[-1]}}"); print -r -- "describe: ${(j: :)${arr[@]%%:*}}"; }',
      `source ${JSON.stringify(scripts.zsh.file)}`,
      "words=(opensession ops ''); CURRENT=3; _opensession",
      "words=(opensession session show --format ''); CURRENT=5; _opensession",
      'words=(opensession session stats --by=); CURRENT=4; _opensession',
      'words=(opensession session parse x); CURRENT=4; _opensession',
    ].join('\n');
    const out = execFileSync('zsh', ['-f', '-c', script], { encoding: 'utf8' });
    expect(out).toBe(
      [
        'describe: daemon stream hooks help',
        'values: md hail json',
        'values: day week month tool model project',
        'files',
        '',
      ].join('\n'),
    );
  });
});

describe.skipIf(!hasShell('fish'))('fish', () => {
  it('passes fish -n and mentions every command', () => {
    expect(spawnSync('fish', ['-n', scripts.fish.file]).status).toBe(0);
    for (const name of COMMANDS) expect(scripts.fish.text).toContain(`-a '${name}'`);
  });

  it('completes through fish itself', () => {
    const ask = (line: string) =>
      execFileSync(
        'fish',
        ['--no-config', '-c', `source ${JSON.stringify(scripts.fish.file)}; complete -C${JSON.stringify(line)}`],
        { encoding: 'utf8' },
      )
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0])
        .sort();
    expect(ask('opensession ses')).toEqual(['session']);
    expect(ask('opensession account server ')).toEqual(['help', 'status', 'verify']);
    expect(ask('opensession session show --format ')).toEqual(['hail', 'json', 'md']);
    expect(ask('opensession docs completion ')).toEqual(['bash', 'fish', 'zsh']);
  });
});

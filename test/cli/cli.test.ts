import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempHome } from './run-cli.js';

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let home: string;
let dispose: () => void;
beforeAll(() => {
  ({ home, dispose } = tempHome());
});
afterAll(() => dispose());

const cli = (...args: string[]) => runCli(args, { home });

describe('valid', () => {
  it('--version prints the package version', async () => {
    const r = await cli('--version');
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('the --version fast path prints what commander prints', async () => {
    // `-V session` is not the exact fast-path argv, so commander answers it.
    const [fast, viaCommander] = await Promise.all([cli('-V'), cli('-V', 'session')]);
    expect(fast.stdout).toBe(`${VERSION}\n`);
    expect(viaCommander).toEqual(fast);
  });

  it('--help lists every command group', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: opensession \[options\] \[command\]/);
    const section = r.stdout.slice(r.stdout.indexOf('Commands:'));
    const commands = [...section.matchAll(/^ {2}([a-z-]+)\b/gm)].map((m) => m[1]);
    expect(commands).toEqual(['ui', 'session', 'publish', 'ops', 'account', 'docs', 'server', 'mcp', 'daemon', 'help']);
    expect(r.stdout).toContain('-V, --version');
  });

  it('help <group> shows the group and its commands', async () => {
    const r = await cli('help', 'session');
    expect(r.code).toBe(0);
    for (const sub of [
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
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^ {2}${sub}\\b`, 'm'));
    }
  });

  it('no command, without a terminal, prints the help instead of opening the TUI', async () => {
    const [bare, help] = await Promise.all([cli(), cli('--help')]);
    expect(bare).toEqual(help);
    expect(bare.code).toBe(0);
  });

  it('ui without a terminal is a usage error pointing at the text commands', async () => {
    const r = await cli('ui');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^opensession ui: the terminal UI needs an interactive terminal\nhint: .*session log/);
  });

  it('a command --help documents its flags', async () => {
    const r = await cli('session', 'log', '--help');
    expect(r.code).toBe(0);
    for (const flag of [
      '--tool <tool>',
      '--model <pattern>',
      '--project <name>',
      '--since <when>',
      '--until <when>',
      '--grep <text>',
      '-n, --limit <n>',
      '--json',
      '--data-dir <dir>',
    ]) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain('(env: OPENSESSION_DATA_DIR)');
  });
});

describe('errors of a command that ran', () => {
  it('exit with the class code and a message naming the command', async () => {
    const r = await cli('session', 'log');
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^opensession session log: no local index at .+\nhint: run `opensession session index` first\n$/,
    );
  });

  it('with --json the error is a JSON object on stdout', async () => {
    const r = await cli('session', 'log', '--json');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'not_found',
        message: expect.stringMatching(/^no local index at /),
        exit_code: 3,
        hint: 'run `opensession session index` first',
      },
    });
  });
});

describe('invalid', () => {
  it('an unknown command is a usage error with a suggestion', async () => {
    const r = await cli('sesion');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "opensession: unknown command 'sesion'\n(Did you mean session?)\nhint: run 'opensession --help' for usage\n",
    });
  });

  it('an unknown option names the command in the message and the hint', async () => {
    const r = await cli('session', 'log', '--bogus');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "opensession session log: unknown option '--bogus'\nhint: run 'opensession session log --help' for usage\n",
    });
  });

  it('parse errors honour --json even though no action ran', async () => {
    const r = await cli('session', 'stats', '--by', 'year', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const body = JSON.parse(r.stdout) as { error: { code: string; message: string; exit_code: number } };
    expect(body.error.code).toBe('usage');
    expect(body.error.exit_code).toBe(2);
    expect(body.error.message).toContain("option '--by <period>' argument 'year' is invalid");
  });

  it('a --since that is not a date is rejected before the command runs', async () => {
    const r = await cli('session', 'log', '--since', 'last tuesday');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--since <when>' argument 'last tuesday' is invalid");
  });

  it('a --tool outside the known tools is rejected', async () => {
    const r = await cli('session', 'discover', '--tool', 'vim');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are claude-code, codex,');
  });

  it('a group without its subcommand prints its help to stderr and exits 2', async () => {
    const r = await cli('account');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: opensession account \[options\] \[command\]/);
    expect(r.stderr).toContain('config');
  });

  it('a missing argument is a usage error', async () => {
    const r = await cli('docs', 'completion');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "opensession docs completion: missing required argument 'shell'\nhint: run 'opensession docs completion --help' for usage\n",
    );
  });
});

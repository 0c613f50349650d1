import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempHome } from './run-cli.js';

const KEY = 'osk_0123456789abcdef0123456789abcdef';
const MASKED = 'osk_0123…';

let home: string;
let dispose: () => void;
let configPath: string;
beforeEach(() => {
  ({ home, dispose } = tempHome());
  configPath = join(home, '.config', 'opensession', 'config.toml');
});
afterEach(() => dispose());

const cli = (...args: string[]) => runCli(['account', 'config', ...args], { home });

describe('valid', () => {
  it('sets server, key and team, then shows them with the key masked', async () => {
    const set = await cli('--server', 'https://sessions.example.com/', '--api-key', KEY, '--team-id', 'my-team');
    expect(set.code).toBe(0);
    expect(set.stderr).toBe(`saved ${configPath}\n`);
    expect(set.stdout).not.toContain(KEY);

    const show = await cli();
    expect(show).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `config ${configPath}`,
        '[server]',
        '  url       https://sessions.example.com',
        `  api_key   ${MASKED}`,
        '  team_id   my-team',
        '[daemon]',
        '  auto_start     false',
        '[privacy]',
        '  exclude_tools  (none)',
        '',
      ].join('\n'),
    });
  });

  it('writes the file with mode 0600 and the full key in TOML', async () => {
    await cli('--api-key', KEY);
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(configPath, 'utf8')).toBe(
      `[server]\napi_key = "${KEY}"\n\n[daemon]\nauto_start = false\n\n[privacy]\nexclude_tools = []\n`,
    );
  });

  it('--json prints the masked config and what changed', async () => {
    const set = await cli('--api-key', KEY, '--json');
    expect(set.code).toBe(0);
    expect(set.stderr).toBe('');
    expect(JSON.parse(set.stdout)).toEqual({
      path: configPath,
      exists: true,
      updated: ['server.api_key'],
      server: { url: null, api_key: MASKED, team_id: null },
      daemon: { auto_start: false },
      privacy: { exclude_tools: [] },
    });
    expect(set.stdout).not.toContain(KEY);
  });

  it('without a file shows the defaults and says the file does not exist', async () => {
    const r = await cli('--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      path: configPath,
      exists: false,
      updated: [],
      server: { url: null, api_key: null, team_id: null },
      daemon: { auto_start: false },
      privacy: { exclude_tools: [] },
    });
  });

  it('respects XDG_CONFIG_HOME', async () => {
    const xdg = join(home, 'elsewhere');
    const r = await runCli(['account', 'config', '--team-id', 't1', '--json'], { home, env: { XDG_CONFIG_HOME: xdg } });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { path: string }).path).toBe(join(xdg, 'opensession', 'config.toml'));
    expect(readFileSync(join(xdg, 'opensession', 'config.toml'), 'utf8')).toContain('team_id = "t1"');
  });

  it('keeps values it does not set, and keys it does not know', async () => {
    mkdirSync(join(home, '.config', 'opensession'), { recursive: true });
    writeFileSync(
      configPath,
      '[server]\nurl = "https://a.example"\n\n[daemon]\nauto_start = true\n\n[privacy]\nexclude_tools = ["cursor"]\n\n[[custom_parsers]]\nname = "mine"\n',
    );
    const r = await cli('--team-id', 'blue');
    expect(r.code).toBe(0);
    const text = readFileSync(configPath, 'utf8');
    expect(text).toContain('url = "https://a.example"');
    expect(text).toContain('team_id = "blue"');
    expect(text).toContain('auto_start = true');
    expect(text).toContain('exclude_tools = [ "cursor" ]');
    expect(text).toContain('[[custom_parsers]]\nname = "mine"');
    expect(r.stdout).toContain('  exclude_tools  cursor\n');
  });

  it('setting a field repairs an invalid value of that field', async () => {
    mkdirSync(join(home, '.config', 'opensession'), { recursive: true });
    writeFileSync(configPath, '[server]\napi_key = "not-a-key"\n');
    expect((await cli()).code).toBe(1);
    const fixed = await cli('--api-key', KEY);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain(`api_key   ${MASKED}`);
  });
});

describe('invalid', () => {
  it('an API key without osk_ is a usage error and nothing is written', async () => {
    const r = await cli('--api-key', 'sk-live-123');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "opensession account config: --api-key must start with osk_ followed by letters, digits, _ or -\nhint: see 'opensession account config --help'\n",
    });
    expect(() => statSync(configPath)).toThrow();
  });

  it('a server that is not an http(s) URL is a usage error, also in --json', async () => {
    const r = await cli('--server', 'ftp://x.example', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'usage',
        message: '--server must be an http(s) URL, e.g. https://opensession.io',
        exit_code: 2,
        hint: "see 'opensession account config --help'",
      },
    });
  });

  it('invalid TOML names the file and the line', async () => {
    mkdirSync(join(home, '.config', 'opensession'), { recursive: true });
    writeFileSync(configPath, '[server]\nurl = "https://a.example"\napi_key = \n');
    const r = await cli();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^opensession account config: invalid TOML in ${configPath.replaceAll('.', '\\.')} at line 3, column \\d+: `,
      ),
    );
  });

  it('a value of the wrong type names the field', async () => {
    mkdirSync(join(home, '.config', 'opensession'), { recursive: true });
    writeFileSync(configPath, '[daemon]\nauto_start = "yes"\n');
    const r = await cli('--json');
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('config');
    expect(body.error.message).toMatch(/^invalid value in .*config\.toml: daemon\.auto_start /);
  });
});

import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import {
  applyConfigChanges,
  loadCliConfig,
  maskApiKey,
  parseTomlDocument,
  saveCliConfig,
  validateCliConfig,
} from './cli-config.js';
import { cliConfigPath, dataDir } from './paths.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'opensession-config-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('paths', () => {
  it('uses XDG_CONFIG_HOME when absolute and ignores a relative one', () => {
    expect(cliConfigPath({ home: '/h', env: {} })).toBe('/h/.config/opensession/config.toml');
    expect(cliConfigPath({ home: '/h', env: { XDG_CONFIG_HOME: '/x' } })).toBe('/x/opensession/config.toml');
    expect(cliConfigPath({ home: '/h', env: { XDG_CONFIG_HOME: 'rel' } })).toBe('/h/.config/opensession/config.toml');
  });
  it('resolves the data dir: flag or env first, then XDG_DATA_HOME, then ~/.local/share', () => {
    expect(dataDir({ home: '/h', env: {} }, '/flag')).toBe('/flag');
    expect(dataDir({ home: '/h', env: { XDG_DATA_HOME: '/d' } })).toBe('/d/opensession');
    expect(dataDir({ home: '/h', env: {} })).toBe('/h/.local/share/opensession');
  });
});

describe('valid', () => {
  it('a missing file gives the defaults', async () => {
    const loaded = await loadCliConfig({ home, env: {} });
    expect(loaded).toEqual({
      path: join(home, '.config/opensession/config.toml'),
      exists: false,
      config: { server: {}, daemon: { auto_start: false }, privacy: { exclude_tools: [] } },
    });
  });

  it('saves atomically with mode 0600 and reads back what it saved', async () => {
    const roots = { home, env: {} };
    const config = validateCliConfig(
      applyConfigChanges({}, { serverUrl: 'https://x.example', apiKey: 'osk_abc123', teamId: 't' }),
      'mem',
    );
    const path = await saveCliConfig(roots, config);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(home, '.config/opensession'))).toEqual(['config.toml']);
    expect((await loadCliConfig(roots)).config).toEqual(config);
  });

  it('normalises the server URL', () => {
    expect(validateCliConfig({ server: { url: 'https://x.example/' } }, 'f').server.url).toBe('https://x.example');
  });

  it('changes touch only their fields', () => {
    const raw = { server: { url: 'https://a', api_key: 'osk_1' }, other: { keep: 1 } };
    expect(applyConfigChanges(raw, { teamId: 't' })).toEqual({
      server: { url: 'https://a', api_key: 'osk_1', team_id: 't' },
      other: { keep: 1 },
    });
    expect(raw.server).toEqual({ url: 'https://a', api_key: 'osk_1' });
  });
});

describe('masking', () => {
  it('shows the first 8 characters of a real key', () => {
    expect(maskApiKey('osk_0123456789abcdef')).toBe('osk_0123…');
  });
  it('never shows a short key whole', () => {
    expect(maskApiKey('osk_12')).toBe('osk…');
    expect(maskApiKey('osk_1234')).toBe('osk_…');
  });
});

describe('invalid', () => {
  it('TOML errors are ConfigErrors naming file, line and column', () => {
    try {
      parseTomlDocument('a = 1\nb = = 2\n', '/etc/x.toml');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/^invalid TOML in \/etc\/x\.toml at line 2, column \d+: /);
    }
  });

  it.each([
    [{ server: { api_key: 'sk-123' } }, 'server.api_key must start with osk_'],
    [{ server: { url: 'not a url' } }, 'server.url must be an http(s) URL'],
    [{ daemon: { auto_start: 'yes' } }, 'daemon.auto_start '],
    [{ privacy: { exclude_tools: 'cursor' } }, 'privacy.exclude_tools '],
  ])('%j names the field', (raw, text) => {
    expect(() => validateCliConfig(raw, '/c.toml')).toThrow(
      new RegExp(`^invalid value in /c\\.toml: ${text.replace(/[.()]/g, '\\$&')}`),
    );
  });
});

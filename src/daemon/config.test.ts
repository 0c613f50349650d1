import { describe, expect, it } from 'vitest';
import { defaultDaemonConfig, effectiveMode, parseDaemonConfig, watchedTools } from './config.js';
import { setTomlKeys } from './config-edit.js';

describe('daemon.toml', () => {
  it('has the seed defaults: manual, nothing uploaded, every tool watched', () => {
    const c = defaultDaemonConfig();
    expect(c.daemon).toMatchObject({ auto_publish: false, publish_on: 'manual', debounce_secs: 5 });
    expect(c.privacy).toMatchObject({ strip_paths: true, strip_env_vars: true, redact_secrets: true });
    expect(c.git_storage.method).toBe('none');
    expect(watchedTools(c)).toContain('claude-code');
    expect(watchedTools(c)).toContain('aider');
  });

  it('turns a tool off with its [watchers] flag', () => {
    const r = parseDaemonConfig('[watchers]\nclaude_code = false\n', 'daemon.toml');
    expect(r.ok && watchedTools(r.config)).not.toContain('claude-code');
  });

  it('names the file and key of a bad value', () => {
    const r = parseDaemonConfig('[daemon]\npublish_on = "sometimes"\n', '/x/daemon.toml');
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^\/x\/daemon\.toml: daemon\.publish_on: /) });
    const n = parseDaemonConfig('[daemon]\ndebounce_secs = "five"\n', 'd.toml');
    expect(!n.ok && n.error).toContain('daemon.debounce_secs');
  });

  it('names the line and column of a TOML syntax error', () => {
    const r = parseDaemonConfig('[daemon]\nauto_publish = yes\n', 'd.toml');
    expect(!r.ok && r.error).toMatch(/^d\.toml: line 2, column \d+: /);
  });

  it('warns about unknown keys (typos, the reference daemon keys) without failing', () => {
    const r = parseDaemonConfig('[daemon]\npublish_onn = "realtime"\nsummary_enabled = true\n[extra]\n', 'd.toml');
    expect(r.ok && r.warnings).toEqual([
      'd.toml: unknown key daemon.publish_onn (ignored)',
      'd.toml: unknown key daemon.summary_enabled (ignored)',
      'd.toml: unknown key extra (ignored)',
    ]);
  });

  it('publishes only with auto_publish on, as the reference does', () => {
    const off = parseDaemonConfig('[daemon]\npublish_on = "realtime"\n', 'd');
    const on = parseDaemonConfig('[daemon]\nauto_publish = true\npublish_on = "realtime"\n', 'd');
    expect(off.ok && effectiveMode(off.config)).toBe('manual');
    expect(on.ok && effectiveMode(on.config)).toBe('realtime');
  });
});

describe('setTomlKeys', () => {
  it('replaces a key in its section, keeping comments and other sections', () => {
    const text =
      '# mine\n[daemon]\npublish_on = "manual" # was manual\ndebounce_secs = 5\n\n[server]\npublish_on = "x"\n';
    expect(setTomlKeys(text, 'daemon', { publish_on: 'realtime' })).toBe(
      '# mine\n[daemon]\npublish_on = "realtime" # was manual\ndebounce_secs = 5\n\n[server]\npublish_on = "x"\n',
    );
  });

  it('adds a missing key under the section header, or the section at the end', () => {
    expect(setTomlKeys('[daemon]\ndebounce_secs = 5\n', 'daemon', { auto_publish: true })).toBe(
      '[daemon]\nauto_publish = true\ndebounce_secs = 5\n',
    );
    expect(setTomlKeys('[server]\nurl = ""\n', 'daemon', { auto_publish: true, publish_on: 'realtime' })).toBe(
      '[server]\nurl = ""\n\n[daemon]\nauto_publish = true\npublish_on = "realtime"\n',
    );
    expect(setTomlKeys('', 'daemon', { publish_on: 'manual' })).toBe('[daemon]\npublish_on = "manual"\n');
  });

  it('writes values the TOML parser reads back', () => {
    const text = setTomlKeys('', 'privacy', { strip_paths: false });
    const r = parseDaemonConfig(setTomlKeys(text, 'daemon', { publish_on: 'session_end', idle_secs: 30 }), 'd');
    expect(r.ok && r.config.privacy.strip_paths).toBe(false);
    expect(r.ok && r.config.daemon).toMatchObject({ publish_on: 'session_end', idle_secs: 30 });
  });
});

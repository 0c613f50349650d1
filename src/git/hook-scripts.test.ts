import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HOOK_MARKER, HOOK_NAMES, hookScript, isOurHook } from './hook-scripts.js';

describe('hookScript', () => {
  it.each(HOOK_NAMES)('%s is valid POSIX sh carrying the marker', (name) => {
    const script = hookScript(name);
    expect(script.startsWith(`#!/bin/sh\n${HOOK_MARKER}: ${name}\n`)).toBe(true);
    expect(isOurHook(script)).toBe(true);
    const check = spawnSync('sh', ['-n'], { input: script, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('runs the previous hook first and never fails for OpenSession itself', () => {
    for (const name of HOOK_NAMES) {
      const script = hookScript(name);
      expect(script.indexOf(`${name}.pre-opensession`)).toBeLessThan(script.indexOf('ops hooks run'));
      expect(script.trimEnd().endsWith('exit 0')).toBe(true);
    }
  });

  it('tells our hooks from foreign ones', () => {
    expect(isOurHook('#!/bin/sh\necho hi\n')).toBe(false);
    expect(isOurHook('#!/bin/sh\n# mentions # opensession-managed later\n')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultDaemonConfig } from '../../daemon/config.js';
import { fieldName, fieldValue, nextValue, settingFields, shownValue, typedValue } from './settings-fields.js';

const field = (name: string) => {
  const f = settingFields().find((x) => fieldName(x) === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};

describe('setting fields', () => {
  it('covers publishing, privacy and one watcher per tool, read from the config', () => {
    const names = settingFields().map(fieldName);
    expect(names).toEqual(
      expect.arrayContaining([
        'daemon.publish_on',
        'privacy.strip_paths',
        'privacy.exclude_projects',
        'watchers.codex',
      ]),
    );
    const config = defaultDaemonConfig();
    expect(fieldValue(config, field('daemon.publish_on'))).toBe('manual');
    expect(shownValue(fieldValue(config, field('privacy.exclude_projects')))).toBe('(none)');
  });

  it('toggles booleans and cycles choices', () => {
    expect(nextValue(field('privacy.redact_secrets'), true)).toBe(false);
    expect(nextValue(field('daemon.publish_on'), 'manual')).toBe('session_end');
    expect(nextValue(field('daemon.publish_on'), 'realtime')).toBe('manual');
  });

  it('parses typed lists and numbers, refusing what is not a number by name', () => {
    expect(typedValue(field('privacy.exclude_projects'), ' a/* , ,b ')).toEqual({ ok: true, value: ['a/*', 'b'] });
    expect(typedValue(field('daemon.idle_secs'), '30')).toEqual({ ok: true, value: 30 });
    expect(typedValue(field('daemon.idle_secs'), '')).toEqual({
      ok: false,
      error: 'daemon.idle_secs: not a number: ',
    });
  });
});

import { type DaemonConfig, PUBLISH_MODES, watcherKey } from '../../daemon/config.js';
import { registeredTools } from '../../parsers/registry.js';
import type { TomlValue } from './settings-file.js';

/** One editable line of the Settings screen: a key of daemon.toml. */
export interface SettingField {
  section: string;
  key: string;
  kind: 'bool' | 'choice' | 'number' | 'list';
  choices?: readonly string[];
  help: string;
}

export const fieldName = (f: SettingField): string => `${f.section}.${f.key}`;

export function settingFields(): SettingField[] {
  return [
    { section: 'daemon', key: 'auto_publish', kind: 'bool', help: 'upload sessions automatically' },
    {
      section: 'daemon',
      key: 'publish_on',
      kind: 'choice',
      choices: PUBLISH_MODES,
      help: 'when: session_end, realtime or manual',
    },
    { section: 'daemon', key: 'idle_secs', kind: 'number', help: 'session_end: quiet seconds before upload' },
    { section: 'privacy', key: 'strip_paths', kind: 'bool', help: 'home directories become ~' },
    { section: 'privacy', key: 'strip_env_vars', kind: 'bool', help: 'remove secret-looking env values' },
    { section: 'privacy', key: 'redact_secrets', kind: 'bool', help: 'replace keys and tokens by [REDACTED]' },
    {
      section: 'privacy',
      key: 'exclude_projects',
      kind: 'list',
      help: 'globs of projects never uploaded (comma-separated)',
    },
    ...registeredTools().map(
      (t): SettingField => ({ section: 'watchers', key: watcherKey(t), kind: 'bool', help: `watch ${t} sessions` }),
    ),
  ];
}

export function fieldValue(config: DaemonConfig, f: SettingField): TomlValue {
  const section = config[f.section as keyof DaemonConfig] as Record<string, TomlValue>;
  return section[f.key] as TomlValue;
}

export function shownValue(v: TomlValue): string {
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  return String(v);
}

/** The value after Enter on a toggle or a choice: the next one. */
export function nextValue(f: SettingField, v: TomlValue): TomlValue {
  if (f.kind === 'bool') return !v;
  const choices = f.choices ?? [];
  return choices[(choices.indexOf(String(v)) + 1) % choices.length] as string;
}

/** What the user typed for a number or a list; a string that is not a number is refused here. */
export function typedValue(
  f: SettingField,
  text: string,
): { ok: true; value: TomlValue } | { ok: false; error: string } {
  if (f.kind === 'list')
    return {
      ok: true,
      value: text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n)) return { ok: false, error: `${fieldName(f)}: not a number: ${text}` };
  return { ok: true, value: n };
}

/** The text a prompt starts with when editing a field. */
export const promptText = (v: TomlValue): string => (Array.isArray(v) ? v.join(', ') : String(v));

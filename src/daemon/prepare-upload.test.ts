import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import type { Session } from '../hail/session.js';
import { exclusionReason, type PrivacySettings, prepareForUpload } from './prepare-upload.js';

const privacy = (p: Partial<PrivacySettings> = {}): PrivacySettings => ({
  stripPaths: true,
  stripEnvVars: true,
  redactSecrets: true,
  excludeProjects: [],
  excludeTools: [],
  ...p,
});

const TOKEN = 'ghp_R3aLlyL00kingT0kenV4lue1234567890abc';

function withText(text: string): Session {
  const s = sampleSession();
  const first = s.events[0]!;
  return { ...s, events: [{ ...first, content: { blocks: [{ type: 'Text', text }] } }, ...s.events.slice(1)] };
}

describe('prepareForUpload', () => {
  it('redacts secrets and strips the home directory before anything leaves', () => {
    const s = withText(`token ${TOKEN} in /home/alice/src/app/.env`);
    const { session, findings } = prepareForUpload(s, privacy(), '/home/alice');
    const text = JSON.stringify(session);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('/home/alice');
    expect(findings.map((f) => f.kind)).toContain('github-token');
    expect(findings[0]!.preview).not.toBe(TOKEN);
  });

  it('leaves text alone when every privacy switch is off', () => {
    const s = withText(`token ${TOKEN} in /home/alice/x`);
    const off = privacy({ stripPaths: false, stripEnvVars: false, redactSecrets: false });
    expect(prepareForUpload(s, off, '/home/alice').session).toEqual(s);
  });
});

describe('exclusionReason', () => {
  const home = '/home/alice';
  it('matches project globs against the working directory and the project name', () => {
    const p = privacy({ excludeProjects: ['~/clients/**', 'secret-*'] });
    expect(exclusionReason({ tool: 'codex', cwd: '/home/alice/clients/acme/api', project: 'api' }, p, home)).toContain(
      '~/clients/**',
    );
    expect(exclusionReason({ tool: 'codex', cwd: '/srv/x', project: 'secret-sauce' }, p, home)).toContain('secret-*');
    expect(exclusionReason({ tool: 'codex', cwd: '/home/alice/oss/lib', project: 'lib' }, p, home)).toBeUndefined();
  });

  it('excludes whole tools', () => {
    const p = privacy({ excludeTools: ['cursor'] });
    expect(exclusionReason({ tool: 'cursor', cwd: null, project: null }, p, home)).toContain('exclude_tools');
  });
});

import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import { defaultDaemonConfig } from './config.js';
import { privacyOf } from './prepare-upload.js';
import { planUpload } from './upload-one.js';

const AWS_KEY = 'AKIAZ7QK3MWT5XHN2VPL';

function leaky() {
  const s = sampleSession({ session_id: 'p1' });
  s.events[0]!.content.blocks = [{ type: 'Text', text: `use ${AWS_KEY} from /home/alice/proj` }];
  s.context.attributes = { ...s.context.attributes, cwd: '/home/alice/proj' };
  return s;
}

describe('planUpload', () => {
  it('redacts secrets and strips the home directory, and says what it found', () => {
    const plan = planUpload(leaky(), privacyOf(defaultDaemonConfig()), '/home/alice');
    if (plan.excluded !== undefined) throw new Error(plan.excluded);
    const text = JSON.stringify(plan.prepared);
    expect(text).not.toContain(AWS_KEY);
    expect(text).not.toContain('/home/alice');
    expect(plan.findings).toHaveLength(1);
    expect(plan.row.id).toBe('p1');
  });

  it('excludes what privacy settings exclude, without preparing anything', () => {
    const privacy = { ...privacyOf(defaultDaemonConfig()), excludeProjects: ['~/proj'] };
    const plan = planUpload(leaky(), privacy, '/home/alice');
    expect(plan).toEqual({ row: expect.objectContaining({ id: 'p1' }), excluded: expect.stringContaining('~/proj') });
  });
});

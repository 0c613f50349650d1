import { describe, expect, it } from 'vitest';
import { rawUrl, webUrlOf } from './raw-url.js';

const REL = 'v1/ab/abc.hail.jsonl';

describe('rawUrl', () => {
  it('uses raw.githubusercontent.com for GitHub remotes in every spelling', () => {
    const want = `https://raw.githubusercontent.com/acme/app/opensession/sessions/${REL}`;
    for (const remote of [
      'git@github.com:acme/app.git',
      'https://github.com/acme/app.git',
      'https://github.com/acme/app',
      'ssh://git@github.com/acme/app.git',
    ]) {
      expect(rawUrl(remote, REL)).toBe(want);
    }
  });

  it("uses GitLab's /-/raw/ path, nested groups included", () => {
    expect(rawUrl('git@gitlab.com:group/sub/app.git', REL)).toBe(
      `https://gitlab.com/group/sub/app/-/raw/opensession/sessions/${REL}`,
    );
  });

  it('falls back to <web url>/raw/<branch>/ for other hosts', () => {
    expect(rawUrl('https://git.example.com/team/app.git', REL)).toBe(
      `https://git.example.com/team/app/raw/opensession/sessions/${REL}`,
    );
  });

  it('drops credentials embedded in the remote', () => {
    expect(webUrlOf('https://user:s3cret@github.com/acme/app.git')).toBe('https://github.com/acme/app');
  });

  it('has no URL for local paths and file remotes', () => {
    expect(rawUrl('/srv/git/app.git', REL)).toBeUndefined();
    expect(rawUrl('file:///srv/git/app.git', REL)).toBeUndefined();
    expect(rawUrl('https://github.com/', REL)).toBeUndefined();
  });
});

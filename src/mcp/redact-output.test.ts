import { describe, expect, it } from 'vitest';
import { safeJson, safeText, safeTitle } from './redact-output.js';

const AWS = 'AKIAZ7QK3MWT5XHN2VPL';
const GH = 'ghp_x9Kq2LmV8nR4tW7yZ1aB3cD5eF6gH0jP2sQ4';

describe('safeText', () => {
  it('redacts secrets, keeps home paths, strips escapes', () => {
    const out = safeText(`cd /home/ana/app && export API_TOKEN=s3cr3tV4lue99 && echo ${AWS}`);
    expect(out).toBe('cd /home/ana/app && export API_TOKEN=[REDACTED:token] && echo [REDACTED:aws-access-key]');
  });

  it('finds a secret an escape sequence was glued to', () => {
    expect(safeText(`\u001b[31m${AWS}\u001b[0m`)).toBe('[REDACTED:aws-access-key]');
  });
});

describe('safeJson', () => {
  it('redacts every nested string and leaves other values alone', () => {
    const out = safeJson({ hits: [{ snippet: `key ${GH}`, seq: 3, ok: true, none: null }], list: [AWS] });
    expect(out).toEqual({
      hits: [{ snippet: 'key [REDACTED:github-token]', seq: 3, ok: true, none: null }],
      list: ['[REDACTED:aws-access-key]'],
    });
  });

  it('keeps random-looking ids under id keys', () => {
    const id = 'ses_6f3cA2b9K1ffeQ7dZx4LmP0w';
    expect(safeJson({ session_id: id, note: id })).toEqual({ session_id: id, note: '[REDACTED:high-entropy]' });
  });
});

describe('safeTitle', () => {
  it('drops a token cut by the ellipsis, too short for any detector', () => {
    expect(safeTitle(`use ${AWS} and ghp_x9Kq2LmV8n...`)).toBe('use [REDACTED:aws-access-key] and ...');
  });

  it('keeps words cut by the ellipsis and titles that were not cut', () => {
    expect(safeTitle("I don't understand...")).toBe("I don't understand...");
    expect(safeTitle('fix ghp_x9Kq2 parsing')).toBe('fix ghp_x9Kq2 parsing');
    expect(safeTitle(null)).toBeNull();
  });
});

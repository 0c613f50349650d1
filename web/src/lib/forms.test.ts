import { describe, expect, it } from 'vitest';
import { AuthRegisterRequestSchema } from '../../../src/api/auth.js';
import { firstIssue } from './forms.js';

const LABELS = { email: 'Email', password: 'Password', nickname: 'Nickname' };
const issue = (v: unknown) => {
  const r = AuthRegisterRequestSchema.safeParse(v);
  if (r.success) throw new Error('expected a failure');
  return firstIssue(r.error, LABELS);
};

describe('firstIssue', () => {
  it('names the field and the rule', () => {
    expect(issue({ email: 'nope', password: 'long enough', nickname: 'n' })).toMatch(/^Email: /);
    expect(issue({ email: 'a@b.co', password: 'short', nickname: 'n' })).toBe(
      'Password must be at least 8 characters.',
    );
    expect(issue({ email: 'a@b.co', password: 'long enough', nickname: 'bad name!' })).toMatch(
      /^Nickname: letters, digits/,
    );
  });
});

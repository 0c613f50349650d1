import { describe, expect, it } from 'vitest';
import { isServerPath, matchRoute, safeNext, sessionPath } from './routes.js';

describe('matchRoute', () => {
  it('maps every page path, with decoded parameters and trailing slashes ignored', () => {
    expect(matchRoute('/')).toEqual({ name: 'home', params: {} });
    expect(matchRoute('/session/a%2Fb')).toEqual({ name: 'session', params: { id: 'a/b' } });
    expect(matchRoute('/teams/')).toEqual({ name: 'teams', params: {} });
    expect(matchRoute('/teams/t1')).toEqual({ name: 'team', params: { id: 't1' } });
    expect(matchRoute('/auth/callback').name).toBe('oauth-callback');
    expect(matchRoute('/help').name).toBe('help');
  });

  it('answers not-found for unknown paths and malformed escapes', () => {
    expect(matchRoute('/nope').name).toBe('not-found');
    expect(matchRoute('/session/a/b').name).toBe('not-found');
    expect(matchRoute('/session/%E0%A4%A').name).toBe('not-found');
  });
});

describe('safeNext', () => {
  it('follows only paths on this site', () => {
    expect(safeNext('/settings?x=1')).toBe('/settings?x=1');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('paths', () => {
  it('encodes ids and event anchors', () => {
    expect(sessionPath('a b', 'e#1')).toBe('/session/a%20b#e%231');
  });

  it('leaves API and docs paths to the server', () => {
    expect(isServerPath('/api/sessions')).toBe(true);
    expect(isServerPath('/docs')).toBe(true);
    expect(isServerPath('/docs/openapi.json')).toBe(true);
    expect(isServerPath('/documentation')).toBe(false);
    expect(isServerPath('/sessions')).toBe(false);
  });
});

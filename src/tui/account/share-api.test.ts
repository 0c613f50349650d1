import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError } from '../../client/errors.js';
import { sessionPage, uploadErrorText } from './share-api.js';

describe('upload errors', () => {
  it('say what went wrong and what to do, in one line', () => {
    expect(uploadErrorText(new ApiError(401, 'unauthorized', 'invalid API key'))).toBe(
      'the server refused the API key (invalid API key): set another with `opensession account config --api-key`',
    );
    expect(uploadErrorText(new ApiError(403, 'forbidden', 'not a member of the team'))).toBe(
      'not allowed: not a member of the team',
    );
    expect(uploadErrorText(new ApiError(413, 'payload_too_large', 'request body exceeds 1024 bytes'))).toBe(
      'the session is larger than the server accepts (request body exceeds 1024 bytes)',
    );
    expect(uploadErrorText(new ApiError(503, 'http_503', 'Service Unavailable'))).toBe(
      'server error 503: Service Unavailable',
    );
    expect(uploadErrorText(new ConnectionError('dns', 'http://nohost/api', 'http://nohost: host not found'))).toBe(
      'cannot reach the server: http://nohost: host not found',
    );
    expect(uploadErrorText(new Error('database is locked'))).toBe('database is locked');
  });
});

describe('session page', () => {
  it("is the web UI's /session/<id> on the server, the id escaped", () => {
    expect(sessionPage('https://s.example.com/', 'a b/c')).toBe('https://s.example.com/session/a%20b%2Fc');
  });
});

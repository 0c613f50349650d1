import { describe, expect, it } from 'vitest';
import {
  AlreadyReported,
  AuthError,
  CliError,
  ConfigError,
  NetworkError,
  NotAvailableError,
  NotFoundError,
  reportError,
  UsageError,
} from './errors.js';

describe('exit codes come from the class', () => {
  it.each([
    [new CliError('x'), 1, 'error'],
    [new UsageError('x'), 2, 'usage'],
    [new NotAvailableError('x'), 2, 'not_available'],
    [new NotFoundError('x'), 3, 'not_found'],
    [new AuthError('x'), 4, 'auth'],
    [new NetworkError('x'), 5, 'network'],
    [new ConfigError('x'), 1, 'config'],
  ])('%s -> %i', (err, exitCode, code) => {
    expect(err.exitCode).toBe(exitCode);
    expect(err.code).toBe(code);
    expect(reportError(err, { json: false }).exitCode).toBe(exitCode);
  });

  it('prints nothing for an outcome the command already reported, in text or JSON', () => {
    for (const json of [false, true])
      expect(reportError(new AlreadyReported('2 checks failed'), { json })).toEqual({
        stdout: '',
        stderr: '',
        exitCode: 1,
      });
  });

  it('never from the message: words that the reference matched on change nothing', () => {
    expect(reportError(new UsageError('network timeout: api key not found'), { json: false }).exitCode).toBe(2);
    expect(reportError(new Error('invalid api key: connection not found'), { json: false }).exitCode).toBe(1);
  });
});

describe('human output', () => {
  it('prefixes the command path and adds the hint', () => {
    expect(
      reportError(new NotFoundError('no session HEAD~3', 'run opensession session index'), {
        json: false,
        command: 'session show',
      }),
    ).toEqual({
      stdout: '',
      stderr: 'opensession session show: no session HEAD~3\nhint: run opensession session index\n',
      exitCode: 3,
    });
  });

  it('unknown errors print the message, and the stack only when debugging', () => {
    const err = new TypeError('boom');
    expect(reportError(err, { json: false })).toEqual({ stdout: '', stderr: 'opensession: boom\n', exitCode: 1 });
    const debug = reportError(err, { json: false, debug: true });
    expect(debug.stderr).toMatch(/^opensession: boom\nTypeError: boom\n\s+at /);
  });

  it('non-Error throws are stringified', () => {
    expect(reportError('plain', { json: false }).stderr).toBe('opensession: plain\n');
  });
});

describe('json output', () => {
  it('is an error object on stdout and nothing on stderr', () => {
    const r = reportError(new AuthError('API key rejected', 'set one with opensession account config --api-key'), {
      json: true,
      command: 'account server verify',
    });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(4);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'auth',
        message: 'API key rejected',
        exit_code: 4,
        hint: 'set one with opensession account config --api-key',
      },
    });
  });

  it('unknown errors are "internal"; when debugging the stack goes to stderr, never into the JSON', () => {
    const r = reportError(new Error('boom'), { json: true, debug: true });
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'internal', message: 'boom', exit_code: 1 } });
    expect(r.stderr).toMatch(/^Error: boom\n\s+at /);
    expect(reportError(new Error('boom'), { json: true }).stderr).toBe('');
  });
});

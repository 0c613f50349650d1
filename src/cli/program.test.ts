import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandPath } from './command-path.js';
import { NotAvailableError } from './errors.js';
import { buildProgram } from './program.js';

/** A program whose help output is captured instead of printed. */
function program(): { root: Command; out: () => string } {
  let out = '';
  const root = buildProgram('9.9.9');
  const append = (s: string) => {
    out += s;
  };
  const capture = (cmd: Command) => {
    cmd.configureOutput({ writeOut: append, writeErr: append, outputError: () => {} });
    cmd.commands.forEach(capture);
  };
  capture(root);
  return { root, out: () => out };
}

function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

const COMMANDS = allCommands(buildProgram('9.9.9')).slice(1);
const LEAVES = COMMANDS.filter((c) => c.commands.length === 0);
/** Commands with a real implementation; every other leaf must say "not available yet". */
const IMPLEMENTED = new Set([
  'ui',
  'account config',
  'docs completion',
  'session discover',
  'session parse',
  'session handoff',
  'session diff',
  'session timeline',
  'session index',
  'session log',
  'session search',
  'session stats',
  'session show',
  'mcp',
  'session export',
  'session doctor',
  'server',
  'ops hooks install',
  'ops hooks uninstall',
  'ops hooks run',
  'publish upload',
  'publish upload-all',
  'account server status',
  'account server verify',
  'daemon',
  'ops daemon start',
  'ops daemon stop',
  'ops daemon status',
  'ops daemon logs',
  'ops stream enable',
  'ops stream disable',
]);

describe('the command tree', () => {
  it('has the groups of the seed plus ours', () => {
    expect(buildProgram('1').commands.map((c) => c.name())).toEqual([
      'ui',
      'session',
      'publish',
      'ops',
      'account',
      'docs',
      'server',
      'mcp',
      'daemon',
    ]);
    expect(LEAVES.map(commandPath)).toEqual([
      'ui',
      'session discover',
      'session parse',
      'session index',
      'session log',
      'session search',
      'session show',
      'session stats',
      'session handoff',
      'session diff',
      'session timeline',
      'session export',
      'session doctor',
      'publish upload',
      'publish upload-all',
      'ops daemon start',
      'ops daemon stop',
      'ops daemon status',
      'ops daemon logs',
      'ops stream enable',
      'ops stream disable',
      'ops hooks install',
      'ops hooks uninstall',
      'ops hooks run',
      'account config',
      'account server status',
      'account server verify',
      'docs completion',
      'server',
      'mcp',
      'daemon',
    ]);
  });

  it.each(COMMANDS.map((c) => [commandPath(c), c] as const))(
    '%s has a description and a working --help',
    async (path, cmd) => {
      expect(cmd.description()).not.toBe('');
      const { root, out } = program();
      await expect(root.parseAsync([...path.split(' '), '--help'], { from: 'user' })).rejects.toMatchObject({
        code: 'commander.helpDisplayed',
        exitCode: 0,
      });
      expect(out()).toContain(`Usage: opensession ${path}`);
      expect(out()).toContain(cmd.description().slice(0, 30));
    },
  );

  const pending = LEAVES.filter((c) => !IMPLEMENTED.has(commandPath(c)));
  it.each(pending.map((c) => [commandPath(c), c] as const))('%s says it is not available yet', async (path, cmd) => {
    const args = cmd.registeredArguments.map((a) => (a.argChoices ? a.argChoices[0] : 'x'));
    const { root } = program();
    const run = root.parseAsync([...path.split(' '), ...(args as string[])], { from: 'user' });
    await expect(run).rejects.toBeInstanceOf(NotAvailableError);
    await expect(run).rejects.toThrow(/^not available yet \(coming with .+\)$/);
  });
});

import { resolve } from 'node:path';
import { streamGit } from '../../git/git-exec.js';
import { REFUSE_EXIT } from '../../git/hook-scripts.js';
import { parsePrePushInput, pushedSessionFiles } from '../../git/pushed-files.js';
import { isBlocking, type LineFinding, scanSessionFile } from '../../git/secret-scan.js';
import { stripTerminalEscapes } from '../../hail/terminal-safe.js';
import type { CliContext } from '../context.js';
import { CliError } from '../errors.js';
import { writeLine } from '../output.js';

// The pre-push hook: session files the push would send are scanned for secrets (the same
// detectors as export and upload); a finding stops the push unless the user overrides it.

/** The push was refused: the hook script turns this exit code into a failed push. */
class SecretsInPush extends CliError {
  override readonly code = 'secrets_found';
  override readonly exitCode = REFUSE_EXIT;
}

interface FileFindings {
  path: string;
  commit: string;
  findings: LineFinding[];
}

function reportFindings(found: FileFindings[], ctx: CliContext): void {
  for (const f of found) {
    writeLine(ctx.stderr, `  ${f.path} (commit ${f.commit.slice(0, 12)})`);
    for (const x of f.findings.slice(0, 5)) {
      writeLine(
        ctx.stderr,
        `    line ${x.line}: ${x.kind} ${stripTerminalEscapes(x.preview)} (${x.confidence}, ${x.field})`,
      );
    }
    if (f.findings.length > 5) writeLine(ctx.stderr, `    … and ${f.findings.length - 5} more`);
  }
}

export async function prePush(args: string[], input: string, ctx: CliContext): Promise<void> {
  const remote = args[0] ?? '';
  const root = resolve(ctx.cwd);
  const files = await pushedSessionFiles(root, remote, parsePrePushInput(input), ctx.env);
  const found: FileFindings[] = [];
  for (const file of files) {
    const { stdout, done } = streamGit(root, ['cat-file', 'blob', file.oid], { env: ctx.env });
    const findings = (await scanSessionFile(stdout)).filter(isBlocking);
    await done;
    if (findings.length > 0) found.push({ path: file.path, commit: file.commit, findings });
  }
  if (found.length === 0) return;
  const total = found.reduce((n, f) => n + f.findings.length, 0);
  if (ctx.env.OPENSESSION_ALLOW_SECRETS === '1') {
    writeLine(
      ctx.stderr,
      `opensession: pushing ${total} secret finding(s) in session files (OPENSESSION_ALLOW_SECRETS=1):`,
    );
    reportFindings(found, ctx);
    return;
  }
  writeLine(
    ctx.stderr,
    `opensession: ${total} secret finding(s) in ${found.length} session file(s) about to be pushed:`,
  );
  reportFindings(found, ctx);
  throw new SecretsInPush(
    'push refused: session files contain secrets',
    'redact them (opensession session export --format hail rewrites a session with secrets masked) and amend the commit;' +
      ' or push anyway with OPENSESSION_ALLOW_SECRETS=1 git push (or git push --no-verify)',
  );
}

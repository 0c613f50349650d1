/**
 * Fatal CLI errors. The class decides the exit code (style rule 4); main catches them once.
 * The reference chose exit codes by keyword-matching the message text, so rewording a message
 * changed the exit code: here a message is free text and never consulted.
 */
export class CliError extends Error {
  /** Stable machine-readable kind, emitted as `error.code` in `--json` mode. */
  readonly code: string = 'error';
  readonly exitCode: number = 1;

  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags, arguments or values the user typed. */
export class UsageError extends CliError {
  override readonly code: string = 'usage';
  override readonly exitCode: number = 2;
}

/** A command that is declared (so `--help` is accurate) but whose implementation has not landed. */
export class NotAvailableError extends UsageError {
  override readonly code = 'not_available';
}

export class NotFoundError extends CliError {
  override readonly code = 'not_found';
  override readonly exitCode = 3;
}

export class AuthError extends CliError {
  override readonly code = 'auth';
  override readonly exitCode = 4;
}

export class NetworkError extends CliError {
  override readonly code = 'network';
  override readonly exitCode = 5;
}

/** A config file that cannot be read or does not match its schema: the environment is at fault, not the flags. */
export class ConfigError extends CliError {
  override readonly code = 'config';
}

/**
 * A command that already printed its own outcome (a doctor report, a batch summary) and only
 * needs a non-zero exit: nothing more is printed, so `--json` output stays one document.
 */
export class AlreadyReported extends CliError {
  override readonly code = 'reported';
}

export interface ErrorReport {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ReportOptions {
  json: boolean;
  /** Space-separated path of the command that failed ("session index"), empty for the root. */
  command?: string;
  /** Print stacks of unexpected errors (OPENSESSION_DEBUG=1). */
  debug?: boolean;
}

/**
 * Renders any thrown value as what main prints. Pure so every error shape is unit-tested
 * without spawning the CLI.
 */
export function reportError(err: unknown, opts: ReportOptions): ErrorReport {
  if (err instanceof AlreadyReported) return { stdout: '', stderr: '', exitCode: err.exitCode };
  const known = err instanceof CliError;
  const message = err instanceof Error ? err.message : String(err);
  const exitCode = known ? err.exitCode : 1;
  const code = known ? err.code : 'internal';
  const hint = known ? err.hint : undefined;
  if (opts.json) {
    const body: { code: string; message: string; exit_code: number; hint?: string } = {
      code,
      message,
      exit_code: exitCode,
    };
    if (hint) body.hint = hint;
    // The stack never enters the JSON (a stable shape); when debugging it goes to stderr.
    const stderr = !known && opts.debug && err instanceof Error && err.stack ? `${err.stack}\n` : '';
    return { stdout: `${JSON.stringify({ error: body }, null, 2)}\n`, stderr, exitCode };
  }
  const prefix = opts.command ? `opensession ${opts.command}` : 'opensession';
  let stderr = `${prefix}: ${message}\n`;
  if (hint) stderr += `hint: ${hint}\n`;
  if (!known && opts.debug && err instanceof Error && err.stack) stderr += `${err.stack}\n`;
  return { stdout: '', stderr, exitCode };
}

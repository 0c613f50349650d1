import { NotAvailableError } from './errors.js';

/**
 * Action for a command whose flags are already declared (so `--help` is accurate) but whose
 * implementation has not landed. Exit code 2 tells scripts this is not a runtime failure.
 */
export function notAvailable(reason: string, hint?: string): () => never {
  return () => {
    throw new NotAvailableError(`not available yet (${reason})`, hint);
  };
}

import type { ParseWarning, WarningKind } from '../types.js';

/** Collects parse warnings for one file (style rule 4: problems are data). */
export class WarningSink {
  readonly list: ParseWarning[] = [];
  constructor(readonly file: string) {}
  add(kind: WarningKind, reason: string, line?: number): void {
    this.list.push(line === undefined ? { kind, file: this.file, reason } : { kind, file: this.file, line, reason });
  }
}

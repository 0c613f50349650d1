import type { ToolName } from '../types.js';

/** Cline and its forks write the same task format; the extension folder says which one ran. */
export interface ClineVariant {
  tool: Extract<ToolName, 'cline' | 'roo-code' | 'kilo-code'>;
  displayName: string;
  /** VS Code extension ids: the globalStorage folder names. */
  extensionIds: readonly string[];
}

export const CLINE: ClineVariant = {
  tool: 'cline',
  displayName: 'Cline',
  extensionIds: ['saoudrizwan.claude-dev', 'saoudrizwan.cline'],
};

export const ROO_CODE: ClineVariant = {
  tool: 'roo-code',
  displayName: 'Roo Code',
  extensionIds: ['rooveterinaryinc.roo-cline', 'rooveterinaryinc.roo-code'],
};

export const KILO_CODE: ClineVariant = {
  tool: 'kilo-code',
  displayName: 'Kilo Code',
  extensionIds: ['kilocode.kilo-code'],
};

const VARIANTS = [CLINE, ROO_CODE, KILO_CODE];

/** The variant whose extension folder appears in `path`; undefined outside any (CLI, copies). */
export function variantOfPath(path: string): ClineVariant | undefined {
  const parts = path.toLowerCase().split(/[\\/]/);
  return VARIANTS.find((v) => v.extensionIds.some((id) => parts.includes(id)));
}

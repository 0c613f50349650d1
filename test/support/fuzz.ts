/**
 * Seeded input mutations for parser robustness tests: the same seed always yields the same
 * cases, so a failure can be replayed. Parsers must survive every case without throwing.
 */

/** Small, fast, seedable PRNG (mulberry32): returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type MutationKind = 'truncate' | 'flip' | 'shuffle' | 'duplicate';
export const MUTATION_KINDS: readonly MutationKind[] = ['truncate', 'flip', 'shuffle', 'duplicate'];

export interface Mutation {
  kind: MutationKind;
  data: Buffer;
}

const int = (rnd: () => number, n: number): number => Math.floor(rnd() * n);

function splitLines(buf: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let from = 0;
  for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a, from)) {
    lines.push(buf.subarray(from, nl + 1));
    from = nl + 1;
  }
  if (from < buf.length) lines.push(buf.subarray(from));
  return lines;
}

function truncate(buf: Buffer, rnd: () => number): Buffer {
  return Buffer.from(buf.subarray(0, int(rnd, buf.length + 1)));
}

/** Flips a few random bits (1 to 8 bytes touched): corrupts JSON, UTF-8 and structure alike. */
function flip(buf: Buffer, rnd: () => number): Buffer {
  const out = Buffer.from(buf);
  if (out.length === 0) return out;
  const n = 1 + int(rnd, 8);
  for (let i = 0; i < n; i++) {
    const at = int(rnd, out.length);
    out[at] = (out[at] ?? 0) ^ (1 << int(rnd, 8));
  }
  return out;
}

function shuffle(buf: Buffer, rnd: () => number): Buffer {
  const lines = splitLines(buf);
  for (let i = lines.length - 1; i > 0; i--) {
    const j = int(rnd, i + 1);
    [lines[i], lines[j]] = [lines[j] as Buffer, lines[i] as Buffer];
  }
  return Buffer.concat(lines);
}

function duplicate(buf: Buffer, rnd: () => number): Buffer {
  const lines = splitLines(buf);
  if (lines.length === 0) return Buffer.from(buf);
  const n = 1 + int(rnd, 3);
  for (let i = 0; i < n; i++) {
    const from = int(rnd, lines.length);
    lines.splice(int(rnd, lines.length + 1), 0, lines[from] as Buffer);
  }
  return Buffer.concat(lines);
}

const APPLY: Record<MutationKind, (buf: Buffer, rnd: () => number) => Buffer> = {
  truncate,
  flip,
  shuffle,
  duplicate,
};

/** `count` mutated copies of `input`, cycling through the mutation kinds; deterministic per seed. */
export function mutations(input: Buffer, opts: { seed?: number; count?: number } = {}): Mutation[] {
  const rnd = seededRandom(opts.seed ?? 1);
  const count = opts.count ?? 50;
  const out: Mutation[] = [];
  for (let i = 0; i < count; i++) {
    const kind = MUTATION_KINDS[i % MUTATION_KINDS.length] as MutationKind;
    out.push({ kind, data: APPLY[kind](input, rnd) });
  }
  return out;
}

/** Just the mutated bytes of {@link mutations}. */
export function mutatedBuffers(input: Buffer, opts: { seed?: number; count?: number } = {}): Buffer[] {
  return mutations(input, opts).map((m) => m.data);
}

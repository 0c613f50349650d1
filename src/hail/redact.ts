import { z } from 'zod';
import type { Session } from './session.js';
import { mapSessionStrings, type StringSite } from './walk-strings.js';

export const FindingSchema = z.object({
  /** Which detector fired, e.g. `aws-access-key`, `password`, `high-entropy`. */
  kind: z.string(),
  event_id: z.string().optional(),
  /** Where the secret was, e.g. `content.blocks[2].text`, `event_type.data.command`, `context.title`. */
  field: z.string(),
  /** The secret masked by {@link maskSecret}: enough to recognise it, never the whole value. */
  preview: z.string(),
  confidence: z.enum(['high', 'medium', 'low']),
});

export type Finding = z.infer<typeof FindingSchema>;
type Confidence = Finding['confidence'];

export interface RedactOptions {
  /** Look for unknown secrets by entropy (default true): the noisiest detector, so it can be turned off. */
  entropy?: boolean;
  /** Exact strings a user reviewed as harmless: never redacted. */
  allow?: readonly string[];
}

/** Where a string sits (for findings and id allow-lists) plus the options. */
export type RedactContext = Partial<StringSite> & RedactOptions;

interface Hit {
  start: number;
  end: number;
  kind: string;
  confidence: Confidence;
}

type Detector = (text: string, site: Partial<StringSite>) => Hit[];

// ---------------------------------------------------------------------------------------
// Character shape helpers

/** `s` as a literal inside a RegExp source. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Word lists written as space-separated lines. */
function words(...lines: string[]): string[] {
  return lines.join(' ').split(' ');
}

const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

function charClass(code: number): number {
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 48 && code <= 57) return DIGIT;
  return 0;
}

/** Lower case, upper case and digits all present: random tokens nearly always mix all three. */
function hasClassMix(s: string): boolean {
  let seen = 0;
  for (let i = 0; i < s.length; i++) seen |= 1 << charClass(s.charCodeAt(i));
  return (seen & 0b1110) === 0b1110;
}

// Scratch counts for `shannon`, left all zero after each call.
const COUNTS = new Uint8Array(128);

/** Bits per char. Only called on token-run slices: ASCII, at most MAX_TOKEN long. */
function shannon(s: string): number {
  for (let i = 0; i < s.length; i++) COUNTS[s.charCodeAt(i) & 127]!++;
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) & 127;
    const n = COUNTS[c]!;
    if (n === 0) continue; // this char was already counted
    const p = n / s.length;
    h -= p * Math.log2(p);
    COUNTS[c] = 0;
  }
  return h;
}

/**
 * Bits per char a random token of this length reaches. A string of n chars holds at most
 * log2(n) bits per char, so a flat 4.5 would miss every random token under ~32 chars; this
 * line tracks the 1st percentile of random base62/base64 tokens (4,000 samples per length):
 * about 3.3 at 15 chars, 4.3 at 40, 5.2 at 90.
 */
function entropyFloor(length: number): number {
  return 0.74 * Math.log2(length) + 0.37;
}

/**
 * Share of letters and digits sitting in runs of 3+ of one class (a capital starts a word).
 * Identifiers are made of words (`getUserName` ≈ 0.9); random tokens switch class every
 * couple of chars (median ≈ 0.38). Measured on 39k tokens from TypeScript, zod, hono, vite.
 */
function wordiness(s: string): number {
  let inWords = 0;
  let total = 0;
  let i = 0;
  while (i < s.length) {
    const c = charClass(s.charCodeAt(i));
    if (c === 0) {
      i++;
      continue;
    }
    let j = i + 1;
    let run = c;
    if (c === UPPER && j < s.length && charClass(s.charCodeAt(j)) === LOWER) run = LOWER;
    while (j < s.length && charClass(s.charCodeAt(j)) === run) j++;
    total += j - i;
    if (j - i >= 3) inWords += j - i;
    i = j;
  }
  return total === 0 ? 1 : inWords / total;
}

/**
 * All three tests, tuned on random base62/base64 tokens against those 39k identifiers: catches
 * 76–88% of random tokens of 15–24 chars and ~98% from 32 chars, with 3 identifiers flagged
 * (`isIPv4MappedIPv6`, `Sec-CH-UA-WoW64` and a regex character class).
 */
function looksRandom(s: string): boolean {
  return hasClassMix(s) && shannon(s) >= entropyFloor(s.length) && wordiness(s) < (s.length >= 32 ? 0.7 : 0.6);
}

/** `getUserName`, `AWS_SECRET_ACCESS_KEY`, `x-api-key` → lower-case words (digits dropped). */
function splitWords(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? []).map((w) => w.toLowerCase());
}

// ---------------------------------------------------------------------------------------
// Placeholders: documentation and templates are full of key-shaped strings that are not keys.

const PLACEHOLDER_VALUES = new Set(
  words(
    'password passwd pass secret token test testing todo tbd empty foo foobar bar hidden masked',
    'none null nil undefined true false string str required optional',
  ),
);
// Six letters or more: cannot turn up by chance inside a random token (checked in lower and
// upper case only, as such words are written).
const PLACEHOLDER_WORDS = [
  'example',
  'changeme',
  'change_me',
  'placeholder',
  'redacted',
  'replace',
  'insert',
  'sample',
];
// Short words only count as whole parts (`your_api_key_here`, `<your-key>`, `fake-token`).
const PLACEHOLDER_PARTS = new Set(['your', 'here', 'fake', 'dummy', 'demo', 'xxx']);
// ${VAR}, {{ secrets.X }}, $(cmd), $VAR, %VAR%, %(name)s, {name}, <your-key>
const TEMPLATE = /\$\{|\{\{|\$\(|^\$[A-Za-z_]|^%[A-Za-z_]+%$|^%\(\w+\)s$|^\{\w*\}$|<[^<>]{0,64}>/;
const MASK = /([xX*#.•])\1{3}|(.)\2{5}/;

/** `sk-xxxx`, `<your-key>`, `${TOKEN}`, `****`, `changeme`, values already redacted... */
function isPlaceholder(value: string): boolean {
  if (value.includes('REDACTED') || TEMPLATE.test(value) || MASK.test(value)) return true;
  const lower = value.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  if (PLACEHOLDER_WORDS.some((w) => value.includes(w) || value.includes(w.toUpperCase()))) return true;
  return lower.split(/[^a-z]+/).some((p) => PLACEHOLDER_PARTS.has(p));
}

// ---------------------------------------------------------------------------------------
// Secret-looking names (`DB_PASSWORD`, `clientSecret`, `x-api-key`), shared with sanitize.

// These name a secret whatever comes before them.
const STRONG_WORDS: Readonly<Record<string, string>> = {
  password: 'password',
  passwd: 'password',
  passphrase: 'password',
  secret: 'secret',
  apikey: 'api-key',
  accesskey: 'api-key',
  secretkey: 'api-key',
  privatekey: 'api-key',
  credential: 'credential',
  credentials: 'credential',
  creds: 'credential',
  auth: 'credential',
  dsn: 'credential',
  cookie: 'credential',
  salt: 'secret',
};
// These are also counters and lookup keys (`max_tokens`, `sort_key`), so a qualifier decides;
// `key`, `pass` and `pwd` need one (`STRIPE_KEY`, `DB_PASS`, `MYSQL_PWD`; not `PWD`).
const WEAK_WORDS: Readonly<Record<string, string>> = {
  token: 'token',
  key: 'api-key',
  pass: 'password',
  pwd: 'password',
};
const NEEDS_QUALIFIER = new Set(['key', 'pass', 'pwd']);
const NOT_SECRET_QUALIFIERS = new Set(
  words(
    'max min num total input output prompt completion cache cached reasoning special bos eos pad', // LLM tokens
    'page next continuation sync cancellation stop start end first second last', // cursors, markers
    'public primary foreign sort partition hot idempotency lookup map row object composite unique', // keys
    'group shortcut translation index hash routing list item gpg pgp',
  ),
);
// Trailing words that still name the secret itself (`SECRET_KEY_BASE`, `api_key_value`).
const VALUE_SUFFIXES = new Set(['value', 'base', 'b64', 'base64', 'hex', 'raw', 'plain', 'plaintext']);
// One-word spellings: `GITHUBTOKEN`, `clientsecret`, `dbpassword`.
const COMPOUND_SUFFIXES = ['token', 'secret', 'password', 'passwd', 'apikey'];

function weakWordKind(word: string, prev: string | undefined): string | undefined {
  if (prev === undefined ? NEEDS_QUALIFIER.has(word) : NOT_SECRET_QUALIFIERS.has(prev)) return undefined;
  return WEAK_WORDS[word];
}

/** The kind of secret a name announces (`password`, `token`, `api-key`, ...), if any. */
function secretKindOfName(name: string): string | undefined {
  const words = splitWords(name);
  while (words.length > 1 && VALUE_SUFFIXES.has(words.at(-1)!)) words.pop();
  const last = words.at(-1);
  if (last === undefined) return undefined;
  const strong = STRONG_WORDS[last];
  if (strong !== undefined) return strong;
  if (WEAK_WORDS[last] !== undefined) return weakWordKind(last, words.at(-2));
  const compound = COMPOUND_SUFFIXES.find((s) => last.endsWith(s) && last.length > s.length);
  return compound === undefined ? undefined : (STRONG_WORDS[compound] ?? WEAK_WORDS[compound]);
}

function isIdentifier(s: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(s);
}

interface ValueShape {
  name: string;
  quoted: boolean;
  /** `:` or spaced `=`: code, where a bare word is a variable or a type, not a literal. */
  codeLike: boolean;
  next?: string;
}

/** Whether a value given to a secret-looking name is a literal secret, not a reference. */
function isLiteralSecret(value: string, v: ValueShape): boolean {
  if (value.length < 3 || !/[A-Za-z0-9]/.test(value) || isPlaceholder(value)) return false;
  if (/^\d+$/.test(value) && secretKindOfName(v.name) !== 'password') return false;
  if (v.quoted) return true;
  if (v.next === '(' || v.next === '[') return false; // getpass(), env["X"]
  if (value.includes('.') && value.split('.').every(isIdentifier)) return false; // process.env.TOKEN
  return !(v.codeLike && isIdentifier(value) && !/\d/.test(value)); // password: string
}

/** A value given to a secret-looking key in structured data (`{"api_key": "…"}`). */
export function isSecretKeyValue(key: string, value: string): boolean {
  // Multi-line values under such keys are descriptions, not credentials.
  if (value.length > 256 || value.includes('\n')) return false;
  return secretKindOfName(key) !== undefined && isLiteralSecret(value, { name: key, quoted: true, codeLike: false });
}

// ---------------------------------------------------------------------------------------
// `name = value` scanning (code, shell, env dumps, JSON, YAML, URL queries, CLI flags)

export interface SecretAssignment {
  name: string;
  kind: string;
  /** The value's range, quotes excluded. */
  start: number;
  end: number;
}

// Spelled-out case classes: measured 2x faster than the same alternation with the `i` flag.
const NAME_HINT =
  /[pP][aA][sS][sS]|[sS][eE][cC][rR][eE][tT]|[tT][oO][kK][eE][nN]|[kK][eE][yY]|[aA][uU][tT][hH]|[cC][rR][eE][dD]|[dD][sS][nN]|[cC][oO][oO][kK][iI][eE]|[pP][wW][dD]/g;
const MAX_NAME = 64;
// Bounds every scan from one hint, so crafted input stays linear.
const MAX_VALUE = 512;
const QUOTES = `"'\``;
const VALUE_STOP = new Set(' \t\r\n"\'`,;&|()[]{}<>\\');

function isNameChar(code: number): boolean {
  return charClass(code) !== 0 || code === 95 /* _ */ || code === 46 /* . */ || code === 45 /* - */;
}

interface NameSpan {
  text: string;
  start: number;
  end: number;
  flag: boolean;
}

/** The whole `[\w.-]` run around a hint, trimmed of flag dashes and sentence dots. */
function nameAround(text: string, at: number): NameSpan {
  let s = at;
  while (s > 0 && at - s <= MAX_NAME && isNameChar(text.charCodeAt(s - 1))) s--;
  let e = at;
  while (e < text.length && isNameChar(text.charCodeAt(e))) e++;
  if (at - s > MAX_NAME) return { text: '', start: s, end: e, flag: false };
  const raw = text.slice(s, e);
  const lead = raw.length - raw.replace(/^[-.]+/, '').length;
  const trail = raw.length - raw.replace(/[-.]+$/, '').length;
  return { text: raw.slice(lead, raw.length - trail), start: s + lead, end: e - trail, flag: raw.startsWith('--') };
}

function skipBlanks(text: string, i: number, max: number): number {
  let j = i;
  while (j - i < max && (text[j] === ' ' || text[j] === '\t')) j++;
  return j;
}

/** Length of an assignment operator at `i` (0 if none): `=`, `:=`, `=>`, `:`; not `==` or `://`. */
function separatorAt(text: string, i: number): number {
  const c = text[i];
  const n = text[i + 1];
  if (c === '=') return n === '=' ? 0 : n === '>' ? 2 : 1;
  if (c !== ':') return 0;
  if (n === '=') return 2;
  return n === ':' || (n === '/' && text[i + 2] === '/') ? 0 : 1;
}

interface ValueSpan {
  start: number;
  end: number;
  quoted: boolean;
}

function quotedValue(text: string, i: number, quote: string, escaped: boolean): ValueSpan | undefined {
  const start = i + (escaped ? 2 : 1);
  for (let j = start; j < text.length && j - start <= MAX_VALUE; j++) {
    const c = text[j];
    if (c === '\n') return undefined;
    const closes = escaped ? c === '\\' && text[j + 1] === quote : c === quote && text[j - 1] !== '\\';
    if (closes) return { start, end: j, quoted: true };
  }
  return undefined;
}

function valueAt(text: string, i: number): ValueSpan | undefined {
  const c = text[i];
  if (c === undefined) return undefined;
  if (QUOTES.includes(c)) return quotedValue(text, i, c, false);
  // JSON inside a JSON string: `{\"password\": \"…\"}`.
  const n = text[i + 1];
  if (c === '\\' && n !== undefined && QUOTES.includes(n)) return quotedValue(text, i, n, true);
  let j = i;
  while (j < text.length && j - i < MAX_VALUE && !VALUE_STOP.has(text[j]!)) j++;
  return j > i ? { start: i, end: j, quoted: false } : undefined;
}

function assignmentAfter(text: string, name: NameSpan, kind: string): SecretAssignment | undefined {
  let i = name.end;
  if (text[i] === '\\' && QUOTES.includes(text[i + 1] ?? ' ')) i += 2;
  else if (QUOTES.includes(text[i] ?? ' ')) i++;
  const opStart = skipBlanks(text, i, 3);
  const sep = separatorAt(text, opStart);
  // `--token value`: a flag takes the next word as its value.
  if (sep === 0 && !(name.flag && opStart > i)) return undefined;
  const op = text.slice(opStart, opStart + sep);
  const valueStart = skipBlanks(text, opStart + sep, 3);
  const v = valueAt(text, valueStart);
  if (v === undefined) return undefined;
  // Bare `NAME=value` is shell, env files and query strings; `:`, `:=`, `=>` or spaces are code.
  const codeLike = (op !== '' && op !== '=') || (op === '=' && (opStart > i || valueStart > opStart + 1));
  const shape: ValueShape = { name: name.text, quoted: v.quoted, codeLike };
  const next = text[v.end];
  if (next !== undefined) shape.next = next;
  if (!isLiteralSecret(text.slice(v.start, v.end), shape)) return undefined;
  return { name: name.text, kind, start: v.start, end: v.end };
}

/**
 * Literal values assigned to secret-looking names, in any of the usual syntaxes:
 * `export DB_PASSWORD=…`, `"api_key": "…"`, `token = '…'`, `?token=…&`, `--token …`.
 */
export function findSecretAssignments(text: string): SecretAssignment[] {
  const out: SecretAssignment[] = [];
  let resume = 0;
  for (const m of text.matchAll(NAME_HINT)) {
    if (m.index < resume) continue;
    const name = nameAround(text, m.index);
    // One look per name: `passpasspass…` must not rescan its run from every hint.
    resume = name.end;
    const kind = secretKindOfName(name.text);
    if (kind === undefined || name.text.length > MAX_NAME) continue;
    const a = assignmentAfter(text, name, kind);
    if (a === undefined) continue;
    out.push(a);
    resume = a.end;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Vendor rules: a literal prefilter, then the regex, then a shape check.

interface PatternRule {
  kind: string;
  confidence: Confidence;
  /** One of these must occur in the text for the regex to run (see `literalsIn`). */
  anyOf: readonly string[];
  /** Global; with the `d` flag when `group` picks the secret out of a larger match. */
  re: RegExp;
  group?: number;
  /** Shape check beyond placeholders, which are always rejected. */
  valid?: (secret: string, m: RegExpMatchArray) => boolean;
}

const mixed = (s: string) => /\d/.test(s) && /[A-Za-z]/.test(s);

/** Standard base64 (padding optional) decoded to a binary string; '' when `s` is not base64. */
function decodes(s: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length % 4 === 1) return '';
  try {
    return atob(s.length % 4 === 0 ? s : s + '='.repeat(4 - (s.length % 4)));
  } catch {
    return '';
  }
}

// Rules start with `(?<![\w-])` so a match can only begin at the start of a token run:
// no rescans from inside a long run, hence no quadratic time on crafted input.
const RULES: readonly PatternRule[] = [
  {
    kind: 'jwt',
    confidence: 'high',
    anyOf: ['eyJ'],
    re: /(?<![\w-])eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g,
  },
  {
    kind: 'anthropic-api-key',
    confidence: 'high',
    anyOf: ['sk-ant-'],
    re: /(?<![\w-])sk-ant-[\w-]{20,}/g,
  },
  {
    kind: 'openai-api-key',
    confidence: 'high',
    anyOf: ['sk-'],
    re: /(?<![\w-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[\w-]{20,}/g,
    valid: hasClassMix,
  },
  {
    kind: 'github-token',
    confidence: 'high',
    anyOf: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    re: /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_\w{22,255})/g,
  },
  { kind: 'gitlab-token', confidence: 'high', anyOf: ['glpat-'], re: /(?<![\w-])glpat-[\w-]{20,}/g },
  {
    kind: 'slack-token',
    confidence: 'high',
    anyOf: ['xox'],
    re: /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,250}/g,
    valid: mixed,
  },
  {
    kind: 'slack-webhook',
    confidence: 'high',
    anyOf: ['hooks.slack.com'],
    re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[\w/-]{20,}/g,
  },
  {
    kind: 'stripe-key',
    confidence: 'high',
    anyOf: ['k_live_', 'k_test_', 'whsec_'],
    re: /(?<![\w-])(?:[rs]k_(?:live|test)|whsec)_[A-Za-z0-9]{20,}/g,
  },
  {
    kind: 'google-api-key',
    confidence: 'high',
    anyOf: ['AIza'],
    re: /(?<![\w-])AIza[\w-]{35}(?![\w-])/g,
  },
  {
    kind: 'aws-access-key',
    confidence: 'high',
    anyOf: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    re: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g,
  },
  {
    kind: 'aws-secret-key',
    confidence: 'high',
    anyOf: ['secret', 'Secret', 'SECRET'],
    re: /(?:aws_?)?secret_?(?:access_?)?key["']?[ \t]{0,3}[:=][ \t]{0,3}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    group: 1,
    valid: hasClassMix,
  },
  { kind: 'npm-token', confidence: 'high', anyOf: ['npm_'], re: /(?<![\w-])npm_[A-Za-z0-9]{36}(?![\w-])/g },
  {
    kind: 'huggingface-token',
    confidence: 'high',
    anyOf: ['hf_'],
    re: /(?<![\w-])hf_[A-Za-z0-9]{30,40}(?![\w-])/g,
    valid: (s) => /[a-z]/.test(s) && /[A-Z]/.test(s),
  },
  {
    kind: 'sendgrid-key',
    confidence: 'high',
    anyOf: ['SG.'],
    re: /(?<![\w-])SG\.[\w-]{22}\.[\w-]{43}(?![\w-])/g,
  },
  {
    kind: 'pypi-token',
    confidence: 'high',
    anyOf: ['pypi-AgE'],
    re: /(?<![\w-])pypi-AgE[\w-]{50,}/g,
  },
  {
    // Only the password: `postgres://app:[REDACTED:url-password]@db:5432/app` still says where.
    kind: 'url-password',
    confidence: 'medium',
    anyOf: ['://'],
    re: /:\/\/([^\s:/?#@"'<>]{0,128}):([^\s/?#@"'<>]{1,256})@/dg,
    group: 2,
    valid: (s, m) => s !== m[1],
  },
  {
    kind: 'authorization-header',
    confidence: 'high',
    anyOf: ['uthorization', 'UTHORIZATION'],
    re: /\b(?:proxy-)?authorization["']?[ \t]{0,3}[:=][ \t]{0,3}["']?(?:(?:bearer|basic|token|bot|digest)[ \t]{1,8})?([\w.~+/=:-]{8,})/dgi,
    group: 1,
    // `Authorization: Required` is prose; Basic credentials may be letters only but decode to `user:pass`.
    valid: (s) => mixed(s) || wordiness(s) < 0.6 || decodes(s).includes(':'),
  },
  {
    kind: 'bearer-token',
    confidence: 'high',
    anyOf: ['earer'],
    re: /\b[Bb]earer[ \t]{1,8}([\w.~+/-]{16,}=*)/dg,
    group: 1,
    valid: mixed,
  },
];

function ruleDetector(rule: PatternRule): Detector {
  return (text) => {
    const hits: Hit[] = [];
    for (const m of text.matchAll(rule.re)) {
      const span: readonly [number, number] | undefined =
        rule.group === undefined ? [m.index, m.index + m[0].length] : m.indices?.[rule.group];
      if (span === undefined) continue;
      const [start, end] = span;
      const secret = text.slice(start, end);
      if (isPlaceholder(secret) || (rule.valid && !rule.valid(secret, m))) continue;
      hits.push({ start, end, kind: rule.kind, confidence: rule.confidence });
    }
    return hits;
  };
}

const PEM_HEADER = /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/y;
const PEM_FOOTER = /-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/y;
// A truncated key (no footer) still goes up to the end of its base64 body.
const PEM_BODY = /[A-Za-z0-9+/=\s\\]*/y;

function stickyMatchEnd(re: RegExp, text: string, at: number): number | undefined {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : undefined;
}

/** Whole PEM private-key blocks. Hand-rolled so that many headers without a footer stay linear. */
const pemDetector: Detector = (text) => {
  const hits: Hit[] = [];
  let from = 0;
  let footerAt = -2; // -2: not searched yet; -1: none after the last search point
  for (let b = text.indexOf('-----BEGIN', from); b !== -1; b = text.indexOf('-----BEGIN', from)) {
    const bodyStart = stickyMatchEnd(PEM_HEADER, text, b);
    if (bodyStart === undefined) {
      from = b + 10;
      continue;
    }
    if (footerAt !== -1 && footerAt < bodyStart) footerAt = text.indexOf('-----END', bodyStart);
    const closed = footerAt === -1 ? undefined : stickyMatchEnd(PEM_FOOTER, text, footerAt);
    const end = closed ?? (stickyMatchEnd(PEM_BODY, text, bodyStart) as number);
    if (/[A-Za-z0-9+/]{40}/.test(text.slice(bodyStart, end))) {
      hits.push({ start: b, end, kind: 'private-key', confidence: 'high' });
    }
    from = end;
  }
  return hits;
};

/** `{"client_secret": "…"}` in attributes or Json data: the key names the secret. */
const keyedValueDetector: Detector = (text, site) => {
  if (site.key === undefined || site.role === 'key' || !isSecretKeyValue(site.key, text)) return [];
  return [{ start: 0, end: text.length, kind: secretKindOfName(site.key) as string, confidence: 'medium' }];
};

const assignmentDetector: Detector = (text) =>
  findSecretAssignments(text).map((a) => ({ start: a.start, end: a.end, kind: a.kind, confidence: 'medium' }));

// ---------------------------------------------------------------------------------------
// Entropy: unknown secrets, with an allow-list of random-looking things that are not secrets.

// Token chars: base64 (standard and url-safe) plus `=` padding.
const TOKEN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+_=-') TOKEN_CHAR[c.charCodeAt(0)] = 1;
const MIN_TOKEN = 15;
const MAX_TOKEN = 90;
// Ids minted by agent APIs (Anthropic, OpenAI): random by design, public by nature.
const ID_PREFIXES = words(
  'toolu_ srvtoolu_ msg_ msgbatch_ req_', // Anthropic
  'call_ chatcmpl- resp_ run_ thread_ asst_ file- file_ batch_ step_ fc_ rs_', // OpenAI
);
// Base64 of PNG, JPEG, GIF, WebP and SVG files.
const MEDIA_MAGIC = ['iVBORw0KGgo', '/9j/', 'R0lGOD', 'UklGR', 'PHN2Zy', 'PD94bWw'];
const ID_WORDS = new Set(
  words(
    'id ids uuid guid hash sha digest checksum etag integrity signature',
    'cursor fingerprint commit oid rev revision nonce',
  ),
);
const HEX = /^[0-9a-fA-F]+$/;
const INTEGRITY = /^sha(?:1|256|384|512)-/;
// Go module sums, data URLs, digests: what follows is a hash or media, not a credential.
const DIGEST_BEFORE = /(?:base64,|h1:|sha(?:1|256|384|512):)$/;
const BASE64_LINE = /^[A-Za-z0-9+/]{4,}=*\r?$|^-----(?:BEGIN|END) /;
const LOWER_DIR = /^[a-z][a-z0-9_-]{2,}$/;

function isIdKey(name: string): boolean {
  return ID_WORDS.has(splitWords(name).at(-1) ?? '');
}

/** Base64 that decodes to text with spaces is encoded prose or code (API file contents), not a key. */
function decodesToText(tok: string): boolean {
  const decoded = decodes(tok);
  return /^[\t\n\r\x20-\x7e]+$/.test(decoded) && /[ \n]/.test(decoded);
}

function isKnownShape(tok: string): boolean {
  return (
    HEX.test(tok.replace(/[-_]/g, '')) ||
    INTEGRITY.test(tok) ||
    ID_PREFIXES.some((p) => tok.startsWith(p)) ||
    MEDIA_MAGIC.some((p) => tok.startsWith(p)) ||
    decodesToText(tok)
  );
}

function lineAround(text: string, start: number, end: number): { before: string; after: string } | undefined {
  if (start > 0 && text[start - 1] !== '\n') return undefined;
  if (end < text.length && text[end] !== '\n' && text[end] !== '\r') return undefined;
  const prevStart = text.lastIndexOf('\n', start - 2) + 1;
  const nextEnd = text.indexOf('\n', end + 1);
  return {
    before: start > 0 ? text.slice(prevStart, start - 1) : '',
    after: end < text.length ? text.slice(end + 1, nextEnd === -1 ? text.length : nextEnd) : '',
  };
}

/** A full line of a wrapped base64 block (certificates, `base64` output): data, not a key. */
function isWrappedBase64Line(text: string, start: number, end: number): boolean {
  if (end - start < 60) return false;
  const around = lineAround(text, start, end);
  return around !== undefined && (BASE64_LINE.test(around.before) || BASE64_LINE.test(around.after));
}

/** The name in `name: "…`, `"name"=…` ending just before `at`, read backwards (a `$`-anchored regex is 10x slower). */
function keyBefore(text: string, at: number): string {
  let i = at;
  const skip = (chars: string, max: number) => {
    for (let n = 0; n < max && i > 0 && chars.includes(text[i - 1]!); n++) i--;
  };
  skip(`"'`, 1);
  skip(' \t', 3);
  if (text[i - 1] !== ':' && text[i - 1] !== '=') return '';
  i--;
  skip(' \t', 3);
  skip(`"'`, 1);
  const end = i;
  while (i > 0 && end - i < 40 && isNameChar(text.charCodeAt(i - 1))) i--;
  return text.slice(i, end);
}

function isInKnownContext(text: string, start: number, end: number): boolean {
  if (DIGEST_BEFORE.test(text.slice(Math.max(0, start - 8), start))) return true;
  return isIdKey(keyBefore(text, start)) || isWrappedBase64Line(text, start, end);
}

/** Relative or absolute paths: checked a directory at a time, so a path is not one "token". */
function isPathLike(part: string): boolean {
  return part.startsWith('/') || part.split('/').some((seg) => LOWER_DIR.test(seg));
}

function pushIfRandom(text: string, start: number, end: number, out: Hit[]): void {
  let s = start;
  while (s < end && (text[s] === '-' || text[s] === '+')) s++; // flag dashes
  if (end - s < MIN_TOKEN || end - s > MAX_TOKEN) return;
  const tok = text.slice(s, end);
  if (!looksRandom(tok) || isKnownShape(tok) || isInKnownContext(text, s, end)) return;
  out.push({ start: s, end, kind: 'high-entropy', confidence: 'low' });
}

function checkPart(text: string, start: number, end: number, out: Hit[]): void {
  if (end - start < MIN_TOKEN) return;
  const part = text.slice(start, end);
  if (!part.includes('/') || !isPathLike(part)) {
    // Longer than MAX_TOKEN without a path shape: a blob (inline base64, minified code).
    pushIfRandom(text, start, end, out);
    return;
  }
  let s = start;
  for (const seg of part.split('/')) {
    pushIfRandom(text, s, s + seg.length, out);
    s += seg.length + 1;
  }
}

function isTokenCode(code: number): boolean {
  return code < 128 && TOKEN_CHAR[code] === 1;
}

/** `NAME=value` and `--flag=value` arrive as one run; base64 padding only ever trails. */
function checkRun(text: string, start: number, end: number, out: Hit[]): void {
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text[i] !== '=') continue;
    checkPart(text, s, i, out);
    s = i + 1;
  }
}

// Finds where runs of MIN_TOKEN+ token chars start; the rest of each run is read by a loop,
// as a greedy `{15,}` spends ~0.2 s backtracking over a single 1 MB run.
const RUN_START = /(?<![A-Za-z0-9/+_=-])[A-Za-z0-9/+_=-]{15}/g;

const entropyDetector: Detector = (text, site) => {
  if (site.key !== undefined && isIdKey(site.key)) return [];
  const hits: Hit[] = [];
  RUN_START.lastIndex = 0;
  for (let m = RUN_START.exec(text); m !== null; m = RUN_START.exec(text)) {
    let end = m.index + MIN_TOKEN;
    while (end < text.length && isTokenCode(text.charCodeAt(end))) end++;
    // JSON-escaped text (`…\nIyBP…`): the `n` of `\n` is not part of the token.
    const escaped = text[m.index - 1] === '\\' && 'ntr'.includes(text[m.index]!);
    checkRun(text, escaped ? m.index + 1 : m.index, end, hits);
    RUN_START.lastIndex = end;
  }
  return hits;
};

// ---------------------------------------------------------------------------------------
// Redaction

interface Stage {
  /** Literals gating the detector; absent for detectors that must always look. */
  anyOf?: readonly string[];
  detect: Detector;
}

// Most specific first: a JWT sent as a Bearer token is reported as `jwt`, an AWS key in an
// assignment as `aws-access-key`; later stages skip what earlier ones replaced.
const STAGES: readonly Stage[] = [
  { anyOf: ['-----BEGIN'], detect: pemDetector },
  ...RULES.map((r) => ({ anyOf: r.anyOf, detect: ruleDetector(r) })),
  { detect: keyedValueDetector },
  { detect: assignmentDetector },
];
const ENTROPY_STAGE: Stage = { detect: entropyDetector };

// Longest first, so `sk-ant-` is not reported as just `sk-`.
const TRIGGER_LITERALS = [...new Set(STAGES.flatMap((s) => s.anyOf ?? []))].sort((a, b) => b.length - a.length);
const TRIGGER = new RegExp(TRIGGER_LITERALS.map(escapeRegExp).join('|'), 'g');

/**
 * The rule literals present in a text, found in one pass instead of one `includes` per
 * literal (4x faster on 1 MB). Taken once per string: redaction only removes text, so no
 * literal appears later that was not there at first.
 */
function literalsIn(text: string): ReadonlySet<string> {
  const found = new Set<string>();
  let matches = 0;
  for (const m of text.matchAll(TRIGGER)) {
    found.add(m[0]);
    // Text dense with literals (`eyJeyJ…`) would cost a match object each: finish by includes.
    if (++matches === 64) {
      for (const lit of TRIGGER_LITERALS) if (!found.has(lit) && text.includes(lit)) found.add(lit);
      break;
    }
  }
  return found;
}

/** `ghp_…abcd`: first and last 4 chars, fewer for short secrets, never the whole value. */
export function maskSecret(secret: string): string {
  const keep = Math.min(4, Math.floor(secret.length / 4));
  return keep === 0 ? '…' : `${secret.slice(0, keep)}…${secret.slice(-keep)}`;
}

interface Redactor {
  stages: readonly Stage[];
  allow: ReadonlySet<string>;
}

function redactorFor(opts: RedactOptions): Redactor {
  return {
    stages: opts.entropy === false ? STAGES : [...STAGES, ENTROPY_STAGE],
    allow: new Set(opts.allow ?? []),
  };
}

function applyHits(text: string, hits: Hit[], r: Redactor, site: Partial<StringSite>, findings: Finding[]): string {
  hits.sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const h of hits) {
    const secret = text.slice(h.start, h.end);
    if (h.start < last || r.allow.has(secret)) continue;
    out += `${text.slice(last, h.start)}[REDACTED:${h.kind}]`;
    last = h.end;
    const f: Finding = {
      kind: h.kind,
      field: site.field ?? 'text',
      preview: maskSecret(secret),
      confidence: h.confidence,
    };
    if (site.event_id !== undefined) f.event_id = site.event_id;
    findings.push(f);
  }
  return out + text.slice(last);
}

function redactWith(r: Redactor, text: string, site: Partial<StringSite>): { text: string; findings: Finding[] } {
  const findings: Finding[] = [];
  // Inline media is base64 by nature: scanning it only yields false positives.
  if (site.role === 'data-url') return { text, findings };
  const present = literalsIn(text);
  let out = text;
  for (const stage of r.stages) {
    if (stage.anyOf && !stage.anyOf.some((lit) => present.has(lit))) continue;
    const hits = stage.detect(out, site);
    if (hits.length > 0) out = applyHits(out, hits, r, site, findings);
  }
  return { text: out, findings };
}

/** Replaces secrets in one string with `[REDACTED:<kind>]` and reports each as a finding. */
export function redactText(text: string, ctx: RedactContext = {}): { text: string; findings: Finding[] } {
  return redactWith(redactorFor(ctx), text, ctx);
}

/** A new session with every secret replaced (the input is left untouched), plus the findings to review. */
export function redactSession(session: Session, opts: RedactOptions = {}): { session: Session; findings: Finding[] } {
  const r = redactorFor(opts);
  const findings: Finding[] = [];
  const out = mapSessionStrings(session, (value, site) => {
    const res = redactWith(r, value, site);
    for (const f of res.findings) findings.push(f);
    return res.text;
  });
  return { session: out, findings };
}

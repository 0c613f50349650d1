import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import { FindingSchema, findSecretAssignments, maskSecret, redactSession, redactText } from './redact.js';
import type { HailEvent } from './session.js';

// Secrets are generated from a seeded PRNG rather than written out: deterministic, yet no
// key-shaped literal sits in the repository for push protection or scanners to trip on.
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = seeded(20260101);
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LETTERS = `${UPPER}abcdefghijklmnopqrstuvwxyz`;
const B62 = `${LETTERS}0123456789`;
const B64 = `${B62}+/`;
const B64URL = `${B62}-_`;
const B32 = `${UPPER}234567`;
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const pick = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
const b64url = (s: string) => btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const wrap = (s: string, width: number) => s.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n');

const JWT = [
  b64url('{"alg":"HS256","typ":"JWT"}'),
  b64url('{"sub":"1234567890","name":"Ada","iat":1767225600}'),
  pick(B64URL, 43),
].join('.');
const PEM_BODY = wrap(pick(B64, 64 * 6), 64);

interface SecretRow {
  name: string;
  text: string;
  secret: string;
  kind: string;
}

function row(name: string, kind: string, secret: string, around: (s: string) => string): SecretRow {
  return { name, kind, secret, text: around(secret) };
}

const SECRETS: SecretRow[] = [
  row(
    'AWS access key id in prose',
    'aws-access-key',
    `AKIA${pick(B32, 16)}`,
    (s) => `my access key is ${s}, rotate it`,
  ),
  row(
    'AWS temporary key in env dump',
    'aws-access-key',
    `ASIA${pick(B32, 16)}`,
    (s) => `AWS_ACCESS_KEY_ID=${s}\nHOME=/x`,
  ),
  row(
    'AWS secret in credentials file',
    'aws-secret-key',
    pick(B64, 40),
    (s) => `[default]\naws_secret_access_key = ${s}\n`,
  ),
  row('AWS secret in sts JSON', 'aws-secret-key', pick(B64, 40), (s) => `{"Credentials": {"SecretAccessKey": "${s}"}}`),
  row(
    'GitHub classic token in a remote',
    'github-token',
    `ghp_${pick(B62, 36)}`,
    (s) => `git remote set-url origin https://${s}@github.com/o/r.git`,
  ),
  row(
    'GitHub OAuth token in JSON',
    'github-token',
    `gho_${pick(B62, 36)}`,
    (s) => `{"oauth_token":"${s}","scope":"repo"}`,
  ),
  row(
    'GitHub app token in curl',
    'github-token',
    `ghs_${pick(B62, 36)}`,
    (s) => `curl -H "Authorization: token ${s}" https://api.github.com`,
  ),
  row(
    'GitHub fine-grained PAT',
    'github-token',
    `github_pat_${pick(B62, 22)}_${pick(B62, 59)}`,
    (s) => `export GH_TOKEN=${s}`,
  ),
  row(
    'OpenAI project key in prose',
    'openai-api-key',
    `sk-proj-${pick(B64URL, 74)}T3BlbkFJ${pick(B64URL, 74)}`,
    (s) => `Use ${s} for the eval run.`,
  ),
  row(
    'OpenAI legacy key in Python',
    'openai-api-key',
    `sk-${pick(B62, 20)}T3BlbkFJ${pick(B62, 20)}`,
    (s) => `openai.api_key = "${s}"`,
  ),
  row(
    'Anthropic key before a command',
    'anthropic-api-key',
    `sk-ant-api03-${pick(B64URL, 93)}AA`,
    (s) => `ANTHROPIC_API_KEY=${s} claude -p "hi"`,
  ),
  row(
    'Slack bot token',
    'slack-token',
    `xoxb-${pick(DIGITS, 11)}-${pick(DIGITS, 13)}-${pick(B62, 24)}`,
    (s) => `SLACK_BOT=${s}`,
  ),
  row(
    'Slack user token in JSON',
    'slack-token',
    `xoxp-${pick(DIGITS, 11)}-${pick(DIGITS, 12)}-${pick(HEX, 32)}`,
    (s) => `{"ok":true,"access_token":"${s}"}`,
  ),
  row(
    'Slack webhook in curl',
    'slack-webhook',
    `https://hooks.slack.com/services/T${pick(UPPER + DIGITS, 8)}/B${pick(UPPER + DIGITS, 10)}/${pick(B62, 24)}`,
    (s) => `curl -X POST -d '{"text":"hi"}' ${s}`,
  ),
  row(
    'Stripe live secret key in code',
    'stripe-key',
    `sk_live_${pick(B62, 24)}`,
    (s) => `const stripe = new Stripe('${s}');`,
  ),
  row('Stripe restricted key in env dump', 'stripe-key', `rk_live_${pick(B62, 24)}`, (s) => `STRIPE_RESTRICTED=${s}`),
  row(
    'Google API key in a URL',
    'google-api-key',
    `AIza${pick(B64URL, 35)}`,
    (s) => `GET https://maps.googleapis.com/maps/api/geocode/json?address=x&key=${s}`,
  ),
  row('JWT as id_token', 'jwt', JWT, (s) => `{"id_token": "${s}", "expires_in": 3600}`),
  row(
    'RSA private key block',
    'private-key',
    `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`,
    (s) => `cat id_rsa\n${s}\n$ `,
  ),
  row(
    'OpenSSH key escaped in JSON output',
    'private-key',
    `-----BEGIN OPENSSH PRIVATE KEY-----\\n${PEM_BODY.replace(/\n/g, '\\n')}\\n-----END OPENSSH PRIVATE KEY-----`,
    (s) => `{"stdout":"${s}\\n"}`,
  ),
  row(
    'Bearer token in curl',
    'bearer-token',
    pick(B64URL, 40),
    (s) => `curl https://api.vendor.io/v1 -H 'X-Trace: 1' --oauth2-bearer x -H "Bearer ${s}"`,
  ),
  row(
    'Basic credentials header',
    'authorization-header',
    btoa(`deploy:${pick(B62, 16)}`),
    (s) => `Authorization: Basic ${s}`,
  ),
  row(
    'Postgres URL password',
    'url-password',
    pick(B62, 18),
    (s) => `DATABASE_URL=postgres://app:${s}@db.internal:5432/app`,
  ),
  row(
    'MongoDB SRV URL password',
    'url-password',
    pick(B62, 20),
    (s) => `mongoose.connect("mongodb+srv://svc:${s}@cluster0.abcde.mongodb.net/prod")`,
  ),
  row('Redis URL without user', 'url-password', pick(B62, 24), (s) => `redis-cli -u redis://:${s}@cache:6379/0`),
  row('npm token in .npmrc', 'npm-token', `npm_${pick(B62, 36)}`, (s) => `//registry.npmjs.org/:_authToken=${s}`),
  row(
    'Hugging Face token',
    'huggingface-token',
    `hf_${pick(LETTERS, 34)}`,
    (s) => `huggingface-cli login --token ${s}`,
  ),
  row('SendGrid key', 'sendgrid-key', `SG.${pick(B64URL, 22)}.${pick(B64URL, 43)}`, (s) => `SENDGRID=${s}`),
  row(
    'GitLab token',
    'gitlab-token',
    `glpat-${pick(B64URL, 20)}`,
    (s) => `git clone https://oauth2:${s}@gitlab.com/g/p.git`,
  ),
  row(
    'password in an env file',
    'password',
    `horse-battery-${pick(DIGITS, 4)}`,
    (s) => `DB_HOST=db\nDB_PASSWORD=${s}\n`,
  ),
  row('quoted password in YAML', 'password', 'c0rrect-h0rse', (s) => `database:\n  password: "${s}"\n`),
  row('passwd in Python', 'password', `Pw${pick(B62, 10)}!`, (s) => `conn = connect(user="app", passwd='${s}')`),
  row(
    'client_secret in YAML',
    'secret',
    `${pick(B62, 3)}8Q~${pick(`${B62}~._-`, 34)}`,
    (s) => `client_id: abc\nclient_secret: ${s}\n`,
  ),
  row(
    'api_key as a hex request param',
    'api-key',
    pick(HEX, 32),
    (s) => `requests.get(url, params={"api_key": "${s}"})`,
  ),
  row('token in a query string', 'token', pick(B62, 24), (s) => `GET https://api.vendor.io/items?token=${s}&page=2`),
  row(
    'secret assignment with a low-entropy value',
    'secret',
    `my-long-jwt-signing-phrase-${pick(DIGITS, 3)}`,
    (s) => `JWT_SECRET=${s} node server.js`,
  ),
  row('--token flag', 'token', pick(B62, 32), (s) => `vercel deploy --prod --token ${s}`),
  row(
    'Sentry DSN',
    'credential',
    `https://${pick(HEX, 32)}@o${pick(DIGITS, 6)}.ingest.sentry.io/${pick(DIGITS, 7)}`,
    (s) => `SENTRY_DSN=${s}`,
  ),
  row(
    'nested camelCase apiKey in JSON',
    'api-key',
    pick(B62, 32),
    (s) => `{"vendor": {"apiKey": "${s}", "region": "eu"}}`,
  ),
  row('unknown token in prose', 'high-entropy', pick(B62, 32), (s) => `The license key is ${s}, keep it safe.`),
  row('unknown token in a shell command', 'high-entropy', pick(B62, 40), (s) => `mycli login ${s} --region eu-west-1`),
  row(
    'unknown token in JSON tool output',
    'high-entropy',
    pick(B64URL, 43),
    (s) => `{"result": {"session": "${s}", "ttl": 3600}}`,
  ),
  row(
    'unknown token in an env dump',
    'high-entropy',
    pick(B64, 48),
    (s) => `SHELL=/bin/zsh\nVENDOR_CFG=${s}\nLANG=en_US.UTF-8`,
  ),
];

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const GIF_1PX = 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
const CERT = `-----BEGIN CERTIFICATE-----\n${wrap(pick(B64, 64 * 4), 64)}\n-----END CERTIFICATE-----`;
const README_B64 = wrap(
  btoa('# OpenSession\n\nAn open-source manager for AI coding sessions: discover, index, share.\n'),
  60,
);

const LOOK_ALIKES: Array<[string, string]> = [
  ['uuid v4', 'session 550e8400-e29b-41d4-a716-446655440000 resumed'],
  ['upper-case uuid', 'GUID {F47AC10B-58CC-4372-A567-0E02B2C3D479}'],
  ['short git SHA', 'HEAD is now at a1b2c3d Fix auth test'],
  ['full git SHA', 'commit 9fceb02d0ae598e95dc970b74668f1de9a8a2bc5'],
  ['sha256 hex', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty.txt'],
  ['PNG data URL in markdown', `![dot](data:image/png;base64,${PNG_1PX})`],
  ['GIF data URL in HTML', `<img src="data:image/gif;base64,${GIF_1PX}">`],
  [
    'base64 image in a JSON tool result',
    `{"type":"image","source":{"type":"base64","media_type":"image/png","data":"${PNG_1PX}"}}`,
  ],
  ['ISO timestamps', 'started 2026-01-01T12:34:56.789Z, ended 2026-01-01T12:35:02+02:00'],
  ['compact and HTTP dates', 'X-Amz-Date: 20260101T123456Z; Date: Thu, 01 Jan 2026 12:34:56 GMT'],
  ['absolute path', 'Read /Users/alice/code/openSession/src/hail/walkStrings.test.ts'],
  ['relative path', 'packages/webClient/src/components/UserProfileSettings/AvatarUploadButton.tsx'],
  ['npm sha512 integrity', `"integrity": "sha512-${pick(B64, 86)}=="`],
  ['npm sha1 integrity', `"integrity": "sha1-${pick(B64, 27)}="`],
  ['Claude tool_use id', `{"type":"tool_use","id":"toolu_01${pick(B62, 22)}","name":"Bash"}`],
  ['Claude message id', `msg_01${pick(B62, 22)}`],
  ['Claude request id', `request failed (req_011C${pick(B62, 20)})`],
  ['the word password without a value', 'Please enter your password to continue.'],
  ['empty password values', 'password=\n"password": ""'],
  ['placeholder OpenAI key', 'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxx'],
  ['angle-bracket placeholder', 'ANTHROPIC_API_KEY=<your-key>'],
  ['your_api_key_here', 'api_key: your_api_key_here'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell reference, meant literally
  ['env reference', 'export GITHUB_TOKEN=${GITHUB_TOKEN}'],
  ['masked password', 'password: ********'],
  ['changeme', 'DB_PASSWORD=changeme'],
  ['AWS documentation example key', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'],
  ['CSS hex colours', 'color: #1a2b3c; background: #FFF; border-color: #a0b1c2d3;'],
  ['semver strings', 'bumped to 1.2.3-beta.4+build.5678 on node v20.19.0'],
  ['long camelCase identifiers', 'handleOAuth2CallbackRedirectForTenant(useInfiniteQueryWithPagination2)'],
  ['URL without credentials', 'https://github.com/anthropics/claude-code/blob/main/README.md#L10'],
  [
    'URLs with a user but no password',
    'ssh://git@github.com/org/repo.git and https://docs.python.org/3/library/secrets.html?highlight=token',
  ],
  ['type annotations', 'function login(password: string, token: Token): void'],
  [
    'variable references',
    'const token = getToken();\nself.password = password\napi_key = os.environ["OPENAI_API_KEY"]',
  ],
  ['Bearer in prose', 'Send a Bearer token in the Authorization header.'],
  ['Authorization header from a variable', 'curl -H "Authorization: Bearer $TOKEN" https://api.vendor.io'],
  ['go.sum line', `github.com/stretchr/testify v1.9.0 h1:${pick(B64, 43)}=`],
  ['docker digest', `node@sha256:${pick(HEX, 64)}`],
  ['token counters', 'max_tokens: 4096, input_tokens=1200, cache_read_input_tokens: 88'],
  ['URL with a placeholder password', 'postgres://user:password@localhost:5432/mydb and postgres://localhost/db'],
  ['certificate block', CERT],
  ['upper snake constants', 'gl.COMPRESSED_RGBA_ASTC_10x5_KHR; ERR_REQUIRE_ASYNC_MODULE'],
  ['macOS temp dir', '/var/folders/4h/5x3z0k2j1s9c7b8m6n5v4c3x0000gn/T/tmp.XyZ12'],
  ['base64 of prose from a contents API', `{"content": "${README_B64.replace(/\n/g, '\\n')}", "encoding": "base64"}`],
  ['i18n key names', "t('auth.login.passwordPlaceholder'); secretName: my-tls-secret"],
];

describe('redactText', () => {
  describe('valid', () => {
    it('catches every secret and keeps every look-alike', () => {
      const missed = SECRETS.filter(({ text, secret, kind }) => {
        const r = redactText(text);
        return r.text.includes(secret) || !r.findings.some((f) => f.kind === kind);
      });
      const changed = LOOK_ALIKES.filter(([, text]) => {
        const r = redactText(text);
        return r.text !== text || r.findings.length > 0;
      });
      const caught = SECRETS.length - missed.length;
      const kept = LOOK_ALIKES.length - changed.length;
      const pct = (n: number, d: number) => `${Math.round((100 * n) / d)}%`;
      console.log(
        `redaction: caught ${caught}/${SECRETS.length} (${pct(caught, SECRETS.length)}), ` +
          `look-alikes kept ${kept}/${LOOK_ALIKES.length} (${pct(kept, LOOK_ALIKES.length)})`,
      );
      expect(SECRETS.length).toBeGreaterThanOrEqual(30);
      expect(LOOK_ALIKES.length).toBeGreaterThanOrEqual(30);
      expect(missed.map((r) => `${r.name}: ${redactText(r.text).text}`)).toEqual([]);
      expect(changed.map(([name, text]) => `${name}: ${redactText(text).text}`)).toEqual([]);
    });

    it('replaces the secret with [REDACTED:<kind>] and keeps what is around it', () => {
      expect(redactText('DATABASE_URL=postgres://app:Xk9mQ2vR7pL4nW8s@db:5432/app').text).toBe(
        'DATABASE_URL=postgres://app:[REDACTED:url-password]@db:5432/app',
      );
      expect(redactText('export DB_PASSWORD="hunter2-Xk9"; psql').text).toBe(
        'export DB_PASSWORD="[REDACTED:password]"; psql',
      );
    });

    it('never puts a whole secret in a finding', () => {
      for (const { text, secret } of SECRETS) {
        const { findings } = redactText(text);
        expect(JSON.stringify(findings)).not.toContain(secret);
        for (const f of findings) expect(FindingSchema.parse(f)).toEqual(f);
      }
    });

    it('reports the field, event id and confidence it was given', () => {
      const { findings } = redactText(`key ${`AKIA${pick(B32, 16)}`}`, {
        field: 'event_type.data.command',
        event_id: 'e9',
      });
      expect(findings).toEqual([
        {
          kind: 'aws-access-key',
          field: 'event_type.data.command',
          event_id: 'e9',
          preview: expect.stringMatching(/^AKIA…/),
          confidence: 'high',
        },
      ]);
    });
  });

  describe('invalid', () => {
    it('leaves ids in id fields alone, and everything when entropy is off', () => {
      const tok = pick(B62, 32);
      expect(redactText(tok, { key: 'request_id' }).findings).toEqual([]);
      expect(redactText(`"parentUuid": "${tok}"`).findings).toEqual([]);
      expect(redactText(`session ${tok}`, { entropy: false }).findings).toEqual([]);
      expect(redactText(`session ${tok}`).findings).toHaveLength(1);
    });

    it('keeps strings a user allowed after review', () => {
      const tok = pick(B62, 32);
      expect(redactText(`build ${tok}`, { allow: [tok] }).text).toBe(`build ${tok}`);
    });

    it('leaves inline media alone', () => {
      const url = `data:image/png;base64,${pick(B64, 80)}`;
      expect(redactText(url, { role: 'data-url' }).text).toBe(url);
    });
  });

  describe('edge', () => {
    it('redacts a value under a secret-looking key in structured data', () => {
      expect(redactText('hunter2-but-longer', { key: 'client_secret' }).text).toBe('[REDACTED:secret]');
      expect(redactText('us-east-1', { key: 'region' }).text).toBe('us-east-1');
      expect(redactText('A long description\nof the auth flow', { key: 'auth' }).findings).toEqual([]);
    });

    it('finds assignments in every usual syntax, values only', () => {
      const text = [
        'export API_TOKEN=abc123def',
        '"db_password": "p4ss w0rd"',
        '{\\"secret\\": \\"s3cr3t-v4lue\\"}',
        'mysql --password Xy9secret',
        'token := "t0k3n-v4lue"',
      ].join('\n');
      const found = findSecretAssignments(text).map((a) => [a.name, a.kind, text.slice(a.start, a.end)]);
      expect(found).toEqual([
        ['API_TOKEN', 'token', 'abc123def'],
        ['db_password', 'password', 'p4ss w0rd'],
        ['secret', 'secret', 's3cr3t-v4lue'],
        ['password', 'password', 'Xy9secret'],
        ['token', 'token', 't0k3n-v4lue'],
      ]);
    });

    it('handles 1 MB single lines, crafted or ordinary, in linear time', () => {
      const MB = 1_000_000;
      const fill = (s: string) => s.repeat(Math.ceil(MB / s.length)).slice(0, MB);
      const lines = [
        'a'.repeat(MB),
        fill('eyJ'),
        fill('sk-ant-'),
        fill('password="'),
        fill('-----BEGIN PRIVATE KEY-----'),
        fill('://a:'),
        fill('/home/'),
        fill('Authorization: '),
        pick(B64, MB),
        fill(`${pick(B62, 20)} `),
      ];
      const times = lines.map((line) => {
        const t0 = performance.now();
        redactText(line);
        return Math.round(performance.now() - t0);
      });
      console.log(`redaction of 1 MB lines (ms): ${times.join(', ')}`);
      // Quadratic behaviour on 1 MB would take minutes; the bound leaves room for a loaded CI box.
      for (const ms of times) expect(ms).toBeLessThan(5000);
    });

    it('scans ordinary text at 1 MB in well under a second', () => {
      const text = ordinaryText(1_000_000);
      // Strings of about 2 KB cut at line ends, like the messages and tool outputs of a session.
      const chunks = text.match(/[\s\S]{1,2000}(?:\n|$)/g)!;
      let best = Number.POSITIVE_INFINITY;
      let findings = 0;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        for (const c of chunks) findings += redactText(c).findings.length;
        best = Math.min(best, performance.now() - t0);
      }
      expect(findings).toBe(0);
      console.log(
        `redaction perf: ${(text.length / 1e6).toFixed(2)} MB of ordinary text in ${best.toFixed(1)} ms (best of 5)`,
      );
      expect(best).toBeLessThan(1000);
    });
  });
});

describe('maskSecret', () => {
  it('keeps the first and last 4 chars, fewer for short secrets', () => {
    expect(maskSecret(`ghp_${'a'.repeat(32)}abcd`)).toBe('ghp_…abcd');
    expect(maskSecret('hunter2')).toBe('h…2');
    expect(maskSecret('abc')).toBe('…');
  });
});

describe('redactSession', () => {
  const GH = `ghp_${pick(B62, 36)}`;
  const withSecrets = () => {
    const base = sampleSession();
    const events: HailEvent[] = [
      ...base.events,
      {
        event_id: 's1',
        timestamp: '2026-01-01T00:00:10Z',
        event_type: { type: 'ShellCommand', data: { command: `GH_TOKEN=${GH} gh pr list` } },
        content: {
          blocks: [
            { type: 'Json', data: { env: { GITHUB_TOKEN: GH }, nested: [{ note: `token ${GH}` }] } },
            { type: 'Image', url: `data:image/png;base64,${PNG_1PX}`, mime: 'image/png' },
          ],
        },
        attributes: { request_id: `req_011C${pick(B62, 20)}`, header: `Bearer ${GH}` },
      },
    ];
    return sampleSession({ events, context: { ...base.context, title: `Rotate ${GH}`, description: `uses ${GH}` } });
  };

  it('redacts every field the walker visits and reports where', () => {
    const { session, findings } = redactSession(withSecrets());
    expect(JSON.stringify(session)).not.toContain(GH);
    expect(findings.map((f) => [f.event_id, f.field, f.kind])).toEqual([
      [undefined, 'context.title', 'github-token'],
      [undefined, 'context.description', 'github-token'],
      ['s1', 'event_type.data.command', 'github-token'],
      ['s1', 'content.blocks[0].data.env.GITHUB_TOKEN', 'github-token'],
      ['s1', 'content.blocks[0].data.nested[0].note', 'github-token'],
      ['s1', 'attributes.header', 'github-token'],
    ]);
  });

  it('does not mutate its input and keeps ids and inline media', () => {
    const input = withSecrets();
    const before = structuredClone(input);
    const { session } = redactSession(input);
    expect(input).toEqual(before);
    const ev = session.events.at(-1)!;
    expect(ev.attributes!.request_id).toBe(before.events.at(-1)!.attributes!.request_id);
    expect(ev.content.blocks[1]).toEqual(before.events.at(-1)!.content.blocks[1]);
  });

  it('finds nothing in an ordinary session', () => {
    expect(redactSession(sampleSession()).findings).toEqual([]);
  });
});

/** Agent-session-like text: prose, code, JSON tool output with ids, paths, logs, diffs. */
function ordinaryText(size: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const id = `${pick(HEX, 8)}-${pick(HEX, 4)}-4${pick(HEX, 3)}-a${pick(HEX, 3)}-${pick(HEX, 12)}`;
    const part = [
      `I'll read the failing test first, then fix the token expiry check in src/auth/session${i}.ts.`,
      `{"type":"tool_use","id":"toolu_01${pick(B62, 22)}","name":"Read","input":{"file_path":"/Users/alice/proj/src/auth/session${i}.ts"}}`,
      `export function isExpired(token: Token, now = Date.now()): boolean {\n  return token.expiresAt * 1000 <= now; // ${id}\n}`,
      `2026-01-01T12:${String(i % 60).padStart(2, '0')}:00.000Z INFO request ${id} GET /api/v1/sessions?page=${i} 200 12ms`,
      `commit ${pick(HEX, 40)}\nAuthor: Alice <alice@example.com>\n\n    Fix flaky auth test (#${i})`,
      `--- a/src/auth/session.ts\n+++ b/src/auth/session.ts\n@@ -${i},3 +${i},3 @@\n-  if (password === undefined) return false;\n+  if (!password) return false;`,
      `npm warn deprecated inflight@1.0.6: This module is not supported. added ${i} packages in 3s`,
      `const passwordInput = screen.getByLabelText('Password'); await user.type(passwordInput, value);`,
    ].join('\n');
    parts.push(part);
    n += part.length + 1;
  }
  return parts.join('\n').slice(0, size);
}

import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import type { EventType } from './event-type.js';
import { ENV_REDACTION, sanitizeSession, sanitizeText } from './sanitize.js';
import type { HailEvent, Session } from './session.js';

const event = (event_id: string, event_type: EventType, blocks: HailEvent['content']['blocks'] = []): HailEvent => ({
  event_id,
  timestamp: '2026-01-01T00:00:00Z',
  event_type,
  content: { blocks },
});

const eventById = (s: Session, id: string) => s.events.find((e) => e.event_id === id)!;

describe('sanitizeSession', () => {
  describe('valid', () => {
    it('strips home paths where the reference does not: FileRead, cwd attributes, Json blocks', () => {
      const s = sampleSession();
      s.events[2]!.content.blocks.push({
        type: 'Json',
        data: { cwd: '/home/alice/proj', files: ['/home/alice/.ssh/config'] },
      });
      s.context.attributes = { cwd: '/home/alice/proj', all_cwds: ['/home/alice/proj', '/Users/alice/other'] };
      const out = sanitizeSession(s);
      expect(eventById(out, 'e3').event_type).toEqual({ type: 'FileRead', data: { path: '~/proj/src/auth.ts' } });
      expect(eventById(out, 'e3').content.blocks[1]).toEqual({
        type: 'Json',
        data: { cwd: '~/proj', files: ['~/.ssh/config'] },
      });
      expect(out.context.attributes).toEqual({ cwd: '~/proj', all_cwds: ['~/proj', '~/other'] });
      expect(eventById(out, 'e1').content.blocks[0]).toEqual({
        type: 'Text',
        text: 'Fix the failing auth test in ~/proj',
      });
    });

    it('covers every event kind with strings, every block kind, attributes and the context', () => {
      const h = '/Users/bob';
      const s = sampleSession({
        events: [
          event('a', { type: 'FileEdit', data: { path: `${h}/a.ts`, diff: `--- ${h}/a.ts\n+++ ${h}/a.ts` } }),
          event('b', { type: 'FileCreate', data: { path: `${h}/b.ts` } }),
          event('c', { type: 'FileDelete', data: { path: `${h}/c.ts` } }),
          event('d', { type: 'ShellCommand', data: { command: `cd ${h}/proj && ls`, exit_code: 0 } }),
          event('e', { type: 'CodeSearch', data: { query: `TODO in ${h}/proj` } }),
          event('f', { type: 'FileSearch', data: { pattern: `${h}/**/*.ts` } }),
          event('g', { type: 'WebFetch', data: { url: `file://${h}/index.html` } }),
          event('h', { type: 'AgentMessage' }, [
            { type: 'Code', code: `open('${h}/x')`, language: 'python' },
            { type: 'File', path: `${h}/f.txt`, content: `see ${h}/g.txt` },
            { type: 'Image', url: `${h}/shot.png`, alt: `screenshot of ${h}`, mime: 'image/png' },
            { type: 'Reference', uri: `file://${h}/ref.md`, media_type: 'text/markdown' },
          ]),
        ],
      });
      s.events[7]!.attributes = { cwd: h, nested: { paths: [`${h}/n`] } };
      s.context.title = `Work in ${h}/proj`;
      s.context.description = `Cwd was ${h}`;
      const text = JSON.stringify(sanitizeSession(s));
      expect(text).not.toContain('/Users/bob');
      expect(eventById(sanitizeSession(s), 'g').event_type).toEqual({
        type: 'WebFetch',
        data: { url: 'file://~/index.html' },
      });
    });

    it('turns Windows, WSL and JSON-escaped homes into ~', () => {
      expect(sanitizeText('C:\\Users\\alice\\proj\\x.ts')).toBe('~\\proj\\x.ts');
      expect(sanitizeText('"C:\\\\Users\\\\alice\\\\proj"')).toBe('"~\\\\proj"');
      expect(sanitizeText('c:/users/alice/proj')).toBe('~/proj');
      expect(sanitizeText('C:\\Users\\John Smith\\proj')).toBe('~\\proj');
      expect(sanitizeText('/mnt/c/Users/alice/proj and /c/Users/alice/x')).toBe('~/proj and ~/x');
      expect(sanitizeText('/var/home/alice/.config')).toBe('~/.config');
    });

    it('strips explicitly given homes, longest first', () => {
      const opts = { homeDirs: ['/data/users/alice/', '/data/users/alice/work', 'D:\\Profiles\\alice'] };
      expect(sanitizeText('/data/users/alice/work/x and /data/users/alice/y', opts)).toBe('~/x and ~/y');
      expect(sanitizeText('d:\\profiles\\ALICE\\doc', opts)).toBe('~\\doc');
      expect(sanitizeText('/data/users/alice2/y', opts)).toBe('/data/users/alice2/y');
    });

    it('removes secret env-var values in shell, env dumps and JSON, keeping the names', () => {
      expect(sanitizeText('export GITHUB_TOKEN=abc123xyz && gh pr list')).toBe(
        `export GITHUB_TOKEN=${ENV_REDACTION} && gh pr list`,
      );
      expect(sanitizeText('OPENAI_API_KEY=k-123abc node run.js')).toBe(`OPENAI_API_KEY=${ENV_REDACTION} node run.js`);
      expect(sanitizeText('HOME=/home/x\nDB_PASSWORD=s3cret!\nCLIENT_SECRET=zz9\nAUTH=basic-1')).toBe(
        `HOME=~\nDB_PASSWORD=${ENV_REDACTION}\nCLIENT_SECRET=${ENV_REDACTION}\nAUTH=${ENV_REDACTION}`,
      );
      expect(sanitizeText('{"AWS_SECRET_ACCESS_KEY": "abc/123+xyz", "REGION": "eu"}')).toBe(
        `{"AWS_SECRET_ACCESS_KEY": "${ENV_REDACTION}", "REGION": "eu"}`,
      );
      expect(sanitizeText('GH_CREDENTIALS="a b c"')).toBe(`GH_CREDENTIALS="${ENV_REDACTION}"`);
      expect(sanitizeText("$env:SECRET_KEY_BASE = 'f00d'; AUTH_SALT=x9y")).toBe(
        `$env:SECRET_KEY_BASE = '${ENV_REDACTION}'; AUTH_SALT=${ENV_REDACTION}`,
      );
    });

    it('removes secret env-var values from env objects in Json blocks and attributes', () => {
      const s = sampleSession();
      s.events[0]!.content.blocks.push({ type: 'Json', data: { env: { NPM_TOKEN: 'npm-abc-123', NODE_ENV: 'test' } } });
      s.events[0]!.attributes = { env: { STRIPE_KEY: 'live-xyz-789' } };
      const out = eventById(sanitizeSession(s), 'e1');
      expect(out.content.blocks[1]).toEqual({
        type: 'Json',
        data: { env: { NPM_TOKEN: ENV_REDACTION, NODE_ENV: 'test' } },
      });
      expect(out.attributes).toEqual({ env: { STRIPE_KEY: ENV_REDACTION } });
    });

    it('returns a new session and leaves its input untouched', () => {
      const s = sampleSession();
      const before = structuredClone(s);
      const out = sanitizeSession(s);
      expect(s).toEqual(before);
      expect(out).not.toBe(s);
      expect(out.context.attributes).not.toBe(s.context.attributes);
    });
  });

  describe('invalid', () => {
    it('leaves URLs and paths that merely contain /home/ or /Users/ alone', () => {
      for (const text of [
        'https://example.com/home/about',
        'https://github.com/Users/x',
        '/srv/home/alice/x',
        '~/home/x',
      ]) {
        expect(sanitizeText(text)).toBe(text);
      }
    });

    it('leaves non-secret env vars, lower-case names, placeholders and references alone', () => {
      for (const text of [
        'NODE_ENV=production PWD=/tmp npm test',
        'KEYBOARD_LAYOUT=us MAX_TOKENS=4096 SORT_KEY=name GPG_KEY=ABCD1234',
        'SSH_AUTH_SOCK=/tmp/agent.1 GIT_ASKPASS=/usr/bin/true TOKENIZERS_PARALLELISM=false AWS_ACCESS_KEY_ID=x',
        'password=hunter2', // lower case is not an env var: redaction's generic rule covers it
        'export API_KEY=$API_KEY',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, meant literally
        'GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}',
        'OPENAI_API_KEY=<your-key>',
      ]) {
        expect(sanitizeText(text)).toBe(text);
      }
    });
  });

  describe('edge', () => {
    it('honours stripPaths and stripEnvVars being off', () => {
      const text = 'cd /home/alice && API_TOKEN=abc123 make';
      expect(sanitizeText(text, { stripPaths: false })).toBe(`cd /home/alice && API_TOKEN=${ENV_REDACTION} make`);
      expect(sanitizeText(text, { stripEnvVars: false })).toBe('cd ~ && API_TOKEN=abc123 make');
    });

    it('is idempotent and leaves inline media alone', () => {
      const s = sampleSession();
      s.events[0]!.content.blocks.push({
        type: 'Image',
        url: 'data:image/png;base64,L2hvbWUvYWxpY2U=/home/x',
        mime: 'image/png',
      });
      const once = sanitizeSession(s);
      expect(sanitizeSession(once)).toEqual(once);
      expect(eventById(once, 'e1').content.blocks[1]).toEqual(s.events[0]!.content.blocks[1]);
    });
  });
});

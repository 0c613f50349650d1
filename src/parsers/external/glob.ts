/**
 * Minimal glob matching for external parser configs (Node 20 has no path.matchesGlob):
 * `**` any depth, `*` and `?` within a segment, `{a,b}` alternatives, `[abc]` classes.
 * A pattern without `/` matches file names; a relative one with `/` matches a path's end.
 */
function segmentToRegex(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end === -1) re += '\\{';
      else {
        re += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map(segmentToRegex)
          .join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        re += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return re;
}

/** `~/x` with the home directory; other patterns unchanged. */
export const expandHome = (glob: string, home: string): string =>
  glob === '~' ? home : glob.startsWith('~/') ? `${home.replace(/\/+$/, '')}/${glob.slice(2)}` : glob;

export function globToRegExp(glob: string): RegExp {
  const g = glob.replace(/\\/g, '/');
  const body = segmentToRegex(g);
  if (g.startsWith('/') || /^[A-Za-z]:\//.test(g)) return new RegExp(`^${body}$`);
  return new RegExp(`(?:^|/)${body}$`);
}

export function globMatcher(glob: string, home: string): (path: string) => boolean {
  const re = globToRegExp(expandHome(glob, home));
  return (path) => re.test(path.replace(/\\/g, '/'));
}

/** The directory before the first wildcard, where discovery starts walking. */
export function staticPrefix(glob: string): { dir: string; rest: string } {
  const parts = glob.replace(/\\/g, '/').split('/');
  const i = parts.findIndex((p) => /[*?{[]/.test(p));
  if (i === -1) return { dir: parts.slice(0, -1).join('/') || '/', rest: parts.at(-1) ?? '' };
  return { dir: parts.slice(0, i).join('/') || '/', rest: parts.slice(i).join('/') };
}

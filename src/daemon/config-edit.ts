/**
 * Sets keys of one TOML section by editing the text, so a hand-written daemon.toml keeps its
 * comments and layout (a parse-and-stringify round trip would drop them). Values are booleans,
 * numbers or strings; JSON's string syntax is valid TOML for basic strings.
 */
export function setTomlKeys(text: string, section: string, values: Record<string, string | number | boolean>): string {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => new RegExp(`^\\s*\\[\\s*${section}\\s*\\]\\s*(#.*)?$`).test(l));
  if (header === -1) {
    const body = Object.entries(values).map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
    const sep = text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    return `${text}${sep}[${section}]\n${body.join('\n')}\n`;
  }
  let end = lines.findIndex((l, i) => i > header && /^\s*\[/.test(l));
  if (end === -1) end = lines.length;
  for (const [key, value] of Object.entries(values)) {
    const literal = `${key} = ${JSON.stringify(value)}`;
    const at = lines.findIndex((l, i) => i > header && i < end && new RegExp(`^\\s*${key}\\s*=`).test(l));
    if (at !== -1) {
      // Keep a trailing comment on the line.
      const comment = /\s#.*$/.exec(lines[at]?.replace(/"(?:[^"\\]|\\.)*"/g, '""') ?? '')?.[0] ?? '';
      lines[at] = `${literal}${comment}`;
    } else {
      lines.splice(header + 1, 0, literal);
      end++;
    }
  }
  return lines.join('\n');
}

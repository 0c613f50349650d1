import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import { escapeHtml, renderSessionHtml, splitTurns } from './export-html.js';

describe('escapeHtml', () => {
  it('leaves no character that can open a tag or close an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });
});

describe('renderSessionHtml', () => {
  it('groups events by user turn and links each from the table of contents', () => {
    const s = sampleSession();
    const turns = splitTurns(s.events);
    expect(turns.length).toBeGreaterThan(0);
    expect(turns.flat()).toHaveLength(s.events.length);
    const html = renderSessionHtml(s);
    for (let i = 1; i <= turns.length; i++) expect(html).toContain(`id="turn-${i}"`);
    expect(html).not.toContain('<script');
  });
});

import { describe, expect, it } from 'vitest';
import { isSafeImage, safeHref } from './safe-url.js';

describe('safeHref', () => {
  it('allows web and mail links only', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      'relative/path',
    ])
      expect(safeHref(bad)).toBeUndefined();
  });

  it('shows only inline raster images', () => {
    expect(isSafeImage('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isSafeImage('data:image/svg+xml;base64,PHN2Zz4=')).toBe(false);
    expect(isSafeImage('https://tracker.example/pixel.png')).toBe(false);
  });
});

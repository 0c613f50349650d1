import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/**
 * Markdown from sessions is untrusted: marked passes raw HTML through, so everything it
 * produces goes through DOMPurify, and the CSP forbids inline script besides.
 * Remote images are shown as links: loading them would tell a third party who reads the session.
 */
export const SAFE_IMAGE_SRC = /^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    image({ href, text }: Tokens.Image): string {
      if (SAFE_IMAGE_SRC.test(href)) return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}">`;
      return `<a href="${escapeHtml(href)}">[image: ${escapeHtml(text || href)}]</a>`;
    },
  },
});

let hooked = false;

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    if (node.tagName === 'IMG' && !SAFE_IMAGE_SRC.test(node.getAttribute('src') ?? '')) node.removeAttribute('src');
  });
}

const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'base', 'meta'],
  FORBID_ATTR: ['style', 'srcset', 'formaction', 'ping'],
  ALLOW_DATA_ATTR: false,
};

/** Safe HTML for a markdown text. */
export function renderMarkdown(text: string): string {
  installHooks();
  return DOMPurify.sanitize(marked.parse(text) as string, CONFIG) as string;
}

import { SAFE_IMAGE_SRC } from './markdown.js';

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** A URL from a session, usable as a link only when it cannot run script (no javascript:, data:, …). */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    return LINK_PROTOCOLS.has(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Inline base64 raster images are shown; anything else (remote, SVG) is not loaded. */
export const isSafeImage = (url: string): boolean => SAFE_IMAGE_SRC.test(url);

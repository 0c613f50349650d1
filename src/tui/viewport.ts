/** A cursor in a list of `total` lines and the first line drawn: the state of every scrolling view. */
export interface Viewport {
  cursor: number;
  top: number;
}

export const START: Viewport = { cursor: 0, top: 0 };

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

/**
 * The cursor moved to `to` (clamped), scrolling as little as possible to keep it among the
 * `height` lines drawn. Also used after a resize or a shorter list, with `to` = the old cursor.
 */
export function moveTo(v: Viewport, to: number, total: number, height: number): Viewport {
  if (total <= 0) return START;
  const h = Math.max(1, height);
  const cursor = clamp(to, 0, total - 1);
  let top = clamp(v.top, 0, Math.max(0, total - h));
  if (cursor < top) top = cursor;
  if (cursor >= top + h) top = cursor - h + 1;
  return { cursor, top };
}

/** The cursor at `to`, drawn a third of the way down when that needs a scroll (a jump target in context). */
export function jumpTo(v: Viewport, to: number, total: number, height: number): Viewport {
  const moved = moveTo(v, to, total, height);
  if (moved.cursor >= v.top && moved.cursor < v.top + height) return moved;
  const top = clamp(moved.cursor - Math.floor(height / 3), 0, Math.max(0, total - height));
  return { cursor: moved.cursor, top };
}

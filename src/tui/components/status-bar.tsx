import { promptLine, statusLine } from '../segments.js';
import { Line } from './line.js';

/** The bottom line of a screen: what is shown on the left, position and hints on the right. */
export function StatusBar({ left, right, width }: { left: string; right: string; width: number }) {
  const l = statusLine(left, right, width);
  return <Line segments={l.segments} inverse={l.inverse} />;
}

/** A one-line text prompt with a cursor block, e.g. `find: foo█`. */
export function PromptLine(p: { label: string; value: string; active: boolean; width: number }) {
  return <Line segments={promptLine(p.label, p.value, p.active, p.width).segments} />;
}

import { Box } from 'ink';
import { useState } from 'react';
import { Lines } from './components/line.js';
import { type Binding, bindingLabel, useKeys } from './keys.js';
import { WHEEL_LINES } from './mouse.js';
import { BLANK, padLines, type ScreenLine, statusLine } from './segments.js';
import { cell } from './text.js';

export interface HelpSection {
  title: string;
  bindings: readonly Binding<string>[];
}

const KEY_COLUMN = 20;

/** Every key of the current screen and the global ones; j/k and the wheel scroll when it does not fit, any other key closes it. */
export function HelpOverlay({
  sections,
  width,
  height,
  onClose,
}: {
  sections: readonly HelpSection[];
  width: number;
  height: number;
  onClose: () => void;
}) {
  const [top, setTop] = useState(0);
  const lines: ScreenLine[] = [];
  for (const section of sections) {
    if (lines.length) lines.push(BLANK);
    lines.push({ segments: [{ text: section.title, tone: 'accent', bold: true }] });
    for (const b of section.bindings) {
      if (b.help)
        lines.push({ segments: [{ text: `  ${cell(bindingLabel(b), KEY_COLUMN)}`, bold: true }, { text: b.help }] });
    }
  }
  const visible = Math.max(1, height - 1);
  const maxTop = Math.max(0, lines.length - visible);
  useKeys((k) => {
    if (k.name === 'j' || k.name === 'down') setTop((t) => Math.min(maxTop, t + 1));
    else if (k.name === 'k' || k.name === 'up') setTop((t) => Math.max(0, t - 1));
    else if (k.name === 'wheeldown') setTop((t) => Math.min(maxTop, t + WHEEL_LINES));
    else if (k.name === 'wheelup') setTop((t) => Math.max(0, t - WHEEL_LINES));
    else if (k.name === 'pagedown' || k.name === 'ctrl+d') setTop((t) => Math.min(maxTop, t + visible));
    else if (k.name === 'pageup' || k.name === 'ctrl+u') setTop((t) => Math.max(0, t - visible));
    else onClose();
  });
  const status = statusLine('keys', `${maxTop ? 'j k scroll · ' : ''}any other key closes`, width);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Lines lines={[...padLines(lines.slice(top, top + visible), visible), status]} />
    </Box>
  );
}

import { Text } from 'ink';
import { stripTerminalEscapes } from '../../hail/terminal-safe.js';
import type { ScreenLine, Segment } from '../segments.js';
import { useTheme } from '../theme-context.js';

/**
 * One terminal line. Never wraps (the screens counted its columns), and strips escapes once
 * more: it is the last stop before the terminal, so a string that skipped `clean` upstream
 * still cannot reach it raw.
 */
export function Line({ segments, inverse }: { segments: readonly Segment[]; inverse?: boolean }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" inverse={inverse}>
      {segments.map((s, i) => (
        <Text
          // Segments never move within a line: the index is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={i}
          color={s.tone ? theme.tone(s.tone) : theme.colors ? s.color : undefined}
          bold={s.bold}
          dimColor={s.dim}
          inverse={s.inverse}
        >
          {stripTerminalEscapes(s.text).replace(/[\n\t]/g, ' ')}
        </Text>
      ))}
    </Text>
  );
}

/** A screen's lines, top to bottom. */
export function Lines({ lines }: { lines: readonly ScreenLine[] }) {
  return lines.map((l, i) => (
    // A frame is a fixed grid of rows: the row number is the identity.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    <Line key={i} segments={l.segments} inverse={l.inverse} />
  ));
}

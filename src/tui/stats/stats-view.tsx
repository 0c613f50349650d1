import { Box } from 'ink';
import { useMemo, useState } from 'react';
import type { SessionFilters } from '../../store/queries/filters.js';
import type { StatsGroup, StatsRow } from '../../store/queries/stats.js';
import { Lines } from '../components/line.js';
import { compactNumber, formatCost } from '../format.js';
import { actionOf, type Binding, type KeyPress, MOVE_KEYS, type MoveAction, moveTarget, useKeys } from '../keys.js';
import { padLines, type ScreenLine, statusLine } from '../segments.js';
import type { TuiServices } from '../services.js';
import { cell, cleanLine } from '../text.js';
import { moveTo, START } from '../viewport.js';
import { bar, METRICS, type Metric, metricOf } from './bars.js';

const GROUPS: readonly StatsGroup[] = ['day', 'week', 'month', 'tool', 'model', 'project'];

type StatsKeyAction = MoveAction | 'group' | 'metric';

export const STATS_KEYS: readonly Binding<StatsKeyAction>[] = [
  ...MOVE_KEYS,
  { keys: ['b'], action: 'group', help: 'breakdown: day, week, month, tool, model, project' },
  { keys: ['m'], action: 'metric', help: 'bar metric: tokens, cost, sessions, messages' },
];

export interface StatsViewProps {
  services: TuiServices;
  /** The session list's filters: the figures are for what the list shows. */
  filters: SessionFilters;
  filterNote: string;
  width: number;
  height: number;
  active: boolean;
  onOtherKey: (k: KeyPress) => void;
}

const next = <T,>(xs: readonly T[], x: T): T => xs[(xs.indexOf(x) + 1) % xs.length] as T;

function value(r: StatsRow, m: Metric): string {
  return m === 'cost' ? formatCost(r.cost_usd) : compactNumber(metricOf(r, m));
}

function totalsLine(t: StatsRow): string {
  const tokens = `${compactNumber(t.input_tokens)} in · ${compactNumber(t.output_tokens)} out · ${compactNumber(t.cache_read_tokens + t.cache_creation_tokens)} cache`;
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(t.sessions)} sessions · ${n(t.messages)} messages · ${n(t.tool_calls)} tool calls · ${tokens} · ${formatCost(t.cost_usd)}`;
}

// Totals, breakdown title, column header, status line.
const CHROME = 4;
const KEY_WIDTH = 22;
const VALUE_WIDTH = 8;

export function StatsView(p: StatsViewProps) {
  const { services, width, height } = p;
  const [group, setGroup] = useState<StatsGroup>('day');
  const [metric, setMetric] = useState<Metric>('tokens');
  const [view, setView] = useState(START);
  const filtersKey = JSON.stringify(p.filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the filters' value
  const report = useMemo(() => services.stats(group, p.filters), [services, group, filtersKey]);
  const rows = report.rows;
  const visible = Math.max(1, height - CHROME);
  const shown = moveTo(view, view.cursor, rows.length, visible);
  const max = Math.max(0, ...rows.map((r) => metricOf(r, metric)));
  const barWidth = Math.max(4, width - KEY_WIDTH - VALUE_WIDTH - 4);

  useKeys((k) => {
    const action = actionOf(STATS_KEYS, k);
    if (action === 'group') {
      setGroup((g) => next(GROUPS, g));
      setView(START);
    } else if (action === 'metric') setMetric((m) => next(METRICS, m));
    else if (action)
      setView((v) => moveTo(v, moveTarget(action, v.cursor, rows.length, visible), rows.length, visible));
    else p.onOtherKey(k);
  }, p.active);

  const lines: ScreenLine[] = [];
  for (let i = shown.top; i < Math.min(rows.length, shown.top + visible); i++) {
    const r = rows[i]!;
    lines.push({
      inverse: i === shown.cursor,
      segments: [
        { text: cell(cleanLine(r.key), KEY_WIDTH) },
        { text: ' ' },
        { text: cell(value(r, metric), VALUE_WIDTH, 'right'), bold: true },
        { text: '  ' },
        { text: bar(metricOf(r, metric), max, barWidth), tone: 'accent' },
      ],
    });
  }
  if (rows.length === 0) lines.push({ segments: [{ text: 'no sessions to count', tone: 'muted' }] });

  const unpriced = report.totals.unpriced_models;
  const note = `  ${p.filterNote}${unpriced.length ? ` · no price for ${unpriced.map(cleanLine).join(', ')}` : ''}`;
  const head: ScreenLine[] = [
    { segments: [{ text: totalsLine(report.totals), bold: true }] },
    {
      segments: [
        { text: `${metric} by ${group}`, tone: 'accent', bold: true },
        { text: note, tone: 'muted' },
      ],
    },
    {
      segments: [
        { text: cell(group.toUpperCase(), KEY_WIDTH), bold: true },
        { text: ' ' },
        { text: cell(metric.toUpperCase(), VALUE_WIDTH, 'right'), bold: true },
      ],
    },
  ];
  const status = statusLine(
    `${rows.length} ${group}${rows.length === 1 ? '' : 's'}`,
    'b breakdown · m metric · ? help · q quit',
    width,
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Lines lines={[...head, ...padLines(lines, visible), status]} />
    </Box>
  );
}

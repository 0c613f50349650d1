import { event, type LineCtx } from './context.js';

/**
 * A shape this parser does not know (a new line type, block type or attachment): kept as a
 * Custom event with the raw data, so nothing the tool wrote is silently dropped.
 */
export function custom(ctx: LineCtx, kind: string, data: unknown, id = `${ctx.uuid}:custom`): void {
  ctx.emit(event(ctx, { id, type: { type: 'Custom', data: { kind } }, blocks: [{ type: 'Json', data }] }));
}

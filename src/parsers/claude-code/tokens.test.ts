import { describe, expect, it } from 'vitest';
import type { HailEvent } from '../../hail/session.js';
import { TokenPlacer, tokenAttributes, usageKey } from './tokens.js';

const ev = (type: 'AgentMessage' | 'Thinking' | 'ToolCall'): HailEvent => ({
  event_id: type,
  timestamp: '2026-01-01T00:00:00.000Z',
  event_type: type === 'ToolCall' ? { type, data: { name: 'Bash' } } : { type },
  content: { blocks: [] },
});

describe('usage', () => {
  it('keys a message by message.id and requestId, and only when both exist', () => {
    expect(usageKey({ requestId: 'r' }, { id: 'm' })).toBe('m:r');
    expect(usageKey({}, { id: 'm' })).toBeUndefined();
    expect(usageKey({ requestId: 'r' }, {})).toBeUndefined();
  });

  it('maps Anthropic usage to HAIL token attributes, dropping zeros', () => {
    expect(
      tokenAttributes({
        input_tokens: 3,
        output_tokens: 0,
        cache_read_input_tokens: 10,
        cache_creation_input_tokens: 2,
      }),
    ).toEqual({ input_tokens: 3, cache_read_tokens: 10, cache_creation_tokens: 2 });
    expect(tokenAttributes({ input_tokens: 0 })).toBeUndefined();
    expect(tokenAttributes('nope')).toBeUndefined();
  });
});

describe('TokenPlacer', () => {
  const tokens = { input_tokens: 5 };

  it('waits for the message’s AgentMessage', () => {
    const p = new TokenPlacer();
    const thinking = ev('Thinking');
    const text = ev('AgentMessage');
    p.line('m1', tokens, false, () => {});
    p.offer('m1', thinking);
    p.line('m1', undefined, true, () => {});
    p.offer('m1', text);
    p.flush();
    expect(thinking.attributes).toBeUndefined();
    expect(text.attributes).toEqual(tokens);
  });

  it('falls back to the first event of a message without text, when the next message starts', () => {
    const p = new TokenPlacer();
    const call = ev('ToolCall');
    p.line('m1', tokens, false, () => {});
    p.offer('m1', call);
    p.line('m2', undefined, false, () => {});
    expect(call.attributes).toEqual(tokens);
  });

  it('takes the usage of the message’s last line, also after it was put on its AgentMessage', () => {
    const p = new TokenPlacer();
    const text = ev('AgentMessage');
    p.line('m1', { output_tokens: 1 }, false, () => {});
    p.offer('m1', text);
    p.line('m1', { output_tokens: 40 }, true, () => {});
    p.line('m1', { output_tokens: 75 }, true, () => {});
    p.line('m2', { output_tokens: 9 }, true, () => {});
    p.flush();
    expect(text.attributes).toEqual({ output_tokens: 75 });
  });

  it('hands the tokens of a message with no event at all to a carrier', () => {
    const p = new TokenPlacer();
    let carried: Record<string, number> | undefined;
    p.line('m1', tokens, false, (t) => {
      carried = t;
    });
    p.flush();
    expect(carried).toEqual(tokens);
  });
});

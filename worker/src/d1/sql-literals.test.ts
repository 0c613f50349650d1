import { describe, expect, it } from 'vitest';
import { inlineParameters, sqlLiteral } from './sql-literals.js';

describe('sqlLiteral', () => {
  it('writes each bindable type as a literal', () => {
    expect([null, undefined, true, false, 42, -1.5, 10n].map(sqlLiteral)).toEqual([
      'NULL',
      'NULL',
      '1',
      '0',
      '42',
      '-1.5',
      '10',
    ]);
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a\u0000b')).toBe("CAST(X'610062' AS TEXT)");
    expect(sqlLiteral(new Uint8Array([0, 171, 255]))).toBe("X'00abff'");
    expect(sqlLiteral(new Uint8Array([1, 2, 3, 4]).subarray(1, 3))).toBe("X'0203'");
  });

  it('refuses values SQLite cannot read back as they were', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow('NaN');
    expect(() => sqlLiteral(new Date(0))).toThrow('[object Date]');
  });
});

describe('inlineParameters', () => {
  it('fills placeholders in order, leaving quoted text and comments alone', () => {
    const q = `select '?', "a?b", [c?], \`d?\` -- why?\n/* what? */ from t where x = ? and y in (?, ?)`;
    expect(inlineParameters(q, ["o'k", 1, null])).toBe(
      `select '?', "a?b", [c?], \`d?\` -- why?\n/* what? */ from t where x = 'o''k' and y in (1, NULL)`,
    );
  });

  it('checks that placeholders and parameters match', () => {
    expect(() => inlineParameters('select ?, ?', [1])).toThrow('more placeholders than parameters');
    expect(() => inlineParameters('select ?', [1, 2])).toThrow('2 parameters for 1 placeholders');
    expect(inlineParameters("select 'unterminated ?", [])).toBe("select 'unterminated ?");
  });
});

import { describe, expect, it } from 'vitest';
import { sqlLiteral } from './database.ts';

describe('sqlLiteral', () => {
  it('quotes text, doubling single quotes', () => {
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
  });

  it('writes backslashes in an escape string so they stay backslashes', () => {
    expect(sqlLiteral('a\\b')).toBe(" E'a\\\\b'");
  });

  it('writes null, numbers and booleans bare', () => {
    expect(sqlLiteral(null)).toBe('null');
    expect(sqlLiteral(undefined)).toBe('null');
    expect(sqlLiteral(42)).toBe('42');
    expect(sqlLiteral(true)).toBe('true');
  });

  it('writes dates as ISO instants and objects as JSON text', () => {
    expect(sqlLiteral(new Date('2031-01-06T05:00:00Z'))).toBe("'2031-01-06T05:00:00.000Z'");
    expect(sqlLiteral({ reason: "it's late" })).toBe(`'{"reason":"it''s late"}'`);
  });

  it('writes arrays in PostgreSQL’s array text form, each element quoted', () => {
    expect(sqlLiteral(['a', 'b', null])).toBe(`'{"a","b",NULL}'`);
    // A quote inside an element is backslash-escaped, so the whole literal is an escape string.
    expect(sqlLiteral(['b"c'])).toBe(` E'{"b\\\\"c"}'`);
    expect(sqlLiteral([])).toBe("'{}'");
  });

  it('refuses a NUL character, which would cut a script short', () => {
    expect(() => sqlLiteral('before\u0000; drop table staff')).toThrow(/NUL/);
  });

  it('refuses numbers PostgreSQL cannot read back', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow();
  });
});

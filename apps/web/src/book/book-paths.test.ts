import { describe, expect, it } from 'vitest';
import { bookPath, bookSlugOf, portalAppointmentsPath } from './book-paths.ts';

describe('bookSlugOf', () => {
  it('reads the slug of /book/<slug>, with or without a trailing slash', () => {
    expect(bookSlugOf('/book/demo')).toBe('demo');
    expect(bookSlugOf('/book/demo/')).toBe('demo');
    expect(bookSlugOf('/book/lumi%C3%A8re')).toBe('lumière');
  });

  it('has no slug for /book itself, deeper paths, or a malformed escape', () => {
    expect(bookSlugOf('/book')).toBeUndefined();
    expect(bookSlugOf('/book/')).toBeUndefined();
    expect(bookSlugOf('/book/demo/extra')).toBeUndefined();
    expect(bookSlugOf('/book/%E0%A4%A')).toBeUndefined();
  });
});

describe('booking page links', () => {
  it('escapes the slug in the addresses it builds', () => {
    expect(bookPath('a b')).toBe('/book/a%20b');
    expect(portalAppointmentsPath('demo')).toBe('/portal/demo/appointments');
  });
});

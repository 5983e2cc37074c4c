import { describe, expect, it } from 'vitest';
import { insertPlaceholder } from './insert-placeholder.ts';

describe('insertPlaceholder', () => {
  it('inserts the placeholder at the caret and puts the caret after it', () => {
    expect(insertPlaceholder('Hi ,', { start: 3, end: 3 }, 'patient.firstName')).toEqual({
      text: 'Hi {{patient.firstName}},',
      caret: 24,
    });
  });

  it('replaces the selected text', () => {
    expect(insertPlaceholder('See you at CLINIC soon', { start: 11, end: 17 }, 'clinic.name').text).toBe('See you at {{clinic.name}} soon');
  });

  it('appends to the end when the caret is past the text', () => {
    expect(insertPlaceholder('Call us', { start: 40, end: 40 }, 'clinic.phone')).toEqual({ text: 'Call us{{clinic.phone}}', caret: 23 });
  });

  it('reads a backwards selection the same way', () => {
    expect(insertPlaceholder('abcdef', { start: 4, end: 2 }, 'x').text).toBe('ab{{x}}ef');
  });

  it('wraps the selection in a section that shows only with a value', () => {
    const text = 'Thanks! Call us at 555.';
    const result = insertPlaceholder(text, { start: 8, end: 23 }, 'clinic.phone', { asSection: true });
    expect(result.text).toBe('Thanks! {{#clinic.phone}}Call us at 555.{{/clinic.phone}}');
    expect(result.caret).toBe(result.text.length);
  });
});

import { describe, expect, it } from 'vitest';
import { parseInline, parsePaperworkText } from './paperwork-text.ts';

describe('paperwork text', () => {
  it('keeps plain text as typed: a blank line starts a paragraph, a line break stays one', () => {
    expect(parsePaperworkText('I consent.\nSigned below.\n\n**Not bold**', 'plain')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'I consent.' }, { type: 'break' }, { type: 'text', text: 'Signed below.' }] },
      { type: 'paragraph', children: [{ type: 'text', text: '**Not bold**' }] },
    ]);
  });

  it('reads headings, bulleted and numbered lists and paragraphs', () => {
    const blocks = parsePaperworkText('# Before your peel\n\n- No retinol\n- No waxing\n\n1. Wash\n2. Dry\nCall us.', 'markdown');
    expect(blocks).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Before your peel' }] },
      { type: 'list', ordered: false, items: [[{ type: 'text', text: 'No retinol' }], [{ type: 'text', text: 'No waxing' }]] },
      { type: 'list', ordered: true, items: [[{ type: 'text', text: 'Wash' }], [{ type: 'text', text: 'Dry' }]] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Call us.' }] },
    ]);
  });

  it('reads bold, italic and safe links inside a line', () => {
    expect(parseInline('**Avoid the sun** for *two* weeks, see [our page](https://example.com/care).')).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'Avoid the sun' }] },
      { type: 'text', text: ' for ' },
      { type: 'emphasis', children: [{ type: 'text', text: 'two' }] },
      { type: 'text', text: ' weeks, see ' },
      { type: 'link', href: 'https://example.com/care', children: [{ type: 'text', text: 'our page' }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('leaves a link to anything but a web or mail address as typed text', () => {
    expect(parseInline('[click](javascript:alert(1))')).toEqual([{ type: 'text', text: '[click](javascript:alert(1))' }]);
  });

  it('leaves underscores inside words, lone asterisks and escaped markers as typed', () => {
    expect(parseInline('use snake_case_names, 5 * 3 and \\*not italic\\*')).toEqual([
      { type: 'text', text: 'use snake_case_names, 5 * 3 and *not italic*' },
    ]);
  });
});

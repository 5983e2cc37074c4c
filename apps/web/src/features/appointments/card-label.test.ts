import { describe, expect, it } from 'vitest';
import { cardLayoutFor, describeCard, showsFooter, type CardLabelParts } from './card-label.ts';

const base: CardLabelParts = {
  startMin: 6 * 60,
  endMin: 7 * 60,
  outOfOffice: false,
  status: 'Booked',
  layout: 'full',
  footer: true,
  title: 'Maya Lopez',
  services: 'Botox',
  flags: ['card on file'],
  tiers: ['Gold'],
};

/** axe's label-in-name check: the shown words, in order and next to each other, within the name. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/);
}
function containsInOrder(name: string, visible: string): boolean {
  const nameWords = wordsOf(name).join(' ');
  return ` ${nameWords} `.includes(` ${wordsOf(visible).join(' ')} `);
}

describe('an appointment card’s accessible name', () => {
  it('says a tall card’s tiers where its badges show, between the services and the status', () => {
    const name = describeCard(base);
    expect(name).toBe('6:00 AM – 7:00 AM, Maya Lopez, Botox, Gold, Booked, card on file');
    expect(containsInOrder(name, '6:00 AM – 7:00 AM Maya Lopez Botox Gold Booked')).toBe(true);
  });

  it('says a shorter card’s tiers after what it shows, as membership', () => {
    const name = describeCard({ ...base, layout: 'compact', footer: false, endMin: 6 * 60 + 30 });
    expect(name).toBe('6:00 AM, Maya Lopez, Botox, Booked, until 6:30 AM, card on file, Gold member');
    expect(containsInOrder(name, '6:00 AM Maya Lopez Botox')).toBe(true);
  });

  it('keeps the words a narrow card still shows next to each other once the start time gives way', () => {
    const compact = describeCard({ ...base, layout: 'compact', footer: false });
    // The time shrinks first, then the name: what stays is always an unbroken run of the name.
    expect(containsInOrder(compact, 'Maya Lopez Botox')).toBe(true);
    expect(containsInOrder(compact, 'Botox')).toBe(true);
    const line = describeCard({ ...base, layout: 'line', footer: false });
    expect(containsInOrder(line, '6:00 AM Maya Lopez')).toBe(true);
    expect(containsInOrder(line, '6:00 AM')).toBe(true);
  });

  it('says nothing of tiers for a patient without a membership, nor for an out-of-office block', () => {
    expect(describeCard({ ...base, tiers: [] })).toBe('6:00 AM – 7:00 AM, Maya Lopez, Botox, Booked, card on file');
    expect(describeCard({ ...base, outOfOffice: true, title: 'Lunch', services: 'Out of office', flags: [], tiers: [] })).toBe(
      '6:00 AM – 7:00 AM, Lunch, Out of office',
    );
  });

  it('writes out the footer on full cards of an hour or more only', () => {
    expect(cardLayoutFor(18)).toBe('line');
    expect(cardLayoutFor(38)).toBe('compact');
    expect(showsFooter(cardLayoutFor(58), 58)).toBe(false);
    expect(showsFooter(cardLayoutFor(78), 78)).toBe(true);
  });
});

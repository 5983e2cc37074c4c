import { describe, expect, it } from 'vitest';
import { providerSelectOptions } from './provider-select-options.ts';

const mia = { id: 'p-mia', displayName: 'Mia Park', title: 'RN' };
const noah = { id: 'p-noah', displayName: 'Noah Reyes', title: null };

describe('the booking form’s Provider options', () => {
  it('names the prefilled provider without a free or not-free mark before a service (and so a length) is chosen', () => {
    expect(providerSelectOptions({ choices: [], prefilled: noah, listed: false, judged: false })).toEqual([
      { value: 'p-noah', label: 'Noah Reyes' },
    ]);
  });

  it('marks the prefilled provider not free once services and a time are chosen and they are not among the free', () => {
    expect(providerSelectOptions({ choices: [mia], prefilled: noah, listed: false, judged: true })).toEqual([
      { value: 'p-mia', label: 'Mia Park, RN' },
      { value: 'p-noah', label: 'Noah Reyes (not free)' },
    ]);
  });

  it('lists a free prefilled provider once, unmarked', () => {
    expect(providerSelectOptions({ choices: [mia, noah], prefilled: noah, listed: true, judged: true })).toEqual([
      { value: 'p-mia', label: 'Mia Park, RN' },
      { value: 'p-noah', label: 'Noah Reyes' },
    ]);
  });
});

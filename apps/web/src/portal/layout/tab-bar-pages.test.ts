import { describe, expect, it } from 'vitest';
import { splitForTabBar } from './tab-bar-pages.ts';

describe('splitForTabBar', () => {
  it('shows every page while five or fewer', () => {
    expect(splitForTabBar(['Dashboard', 'Appointments', 'Paperwork', 'Notifications', 'Profile'])).toEqual({
      bar: ['Dashboard', 'Appointments', 'Paperwork', 'Notifications', 'Profile'],
      more: [],
    });
  });

  it('keeps the first four and gathers the rest under More from the sixth page on, in order', () => {
    expect(splitForTabBar(['Dashboard', 'Appointments', 'Paperwork', 'Notifications', 'Profile', 'Wallet'])).toEqual({
      bar: ['Dashboard', 'Appointments', 'Paperwork', 'Notifications'],
      more: ['Profile', 'Wallet'],
    });
  });
});

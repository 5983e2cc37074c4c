import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { practiceQueryKeys } from '../../../shared/api/practice-query-keys.ts';
import { refetchPracticeRecords } from './use-setup-mutation.ts';

describe('after a practice setup change', () => {
  it('marks the book’s providers, services and hours stale, not only Settings’ own lists', async () => {
    const queryClient = new QueryClient();
    const bookKeys = [
      practiceQueryKeys.providers('clinic-1'),
      practiceQueryKeys.services('clinic-1'),
      practiceQueryKeys.clinics('active'),
      practiceQueryKeys.providerSchedule('provider-1', { clinicId: 'clinic-1', from: 'a', to: 'b' }),
    ];
    for (const key of bookKeys) queryClient.setQueryData(key, []);

    await refetchPracticeRecords(queryClient);

    for (const key of bookKeys) expect(queryClient.getQueryState(key)?.isInvalidated, JSON.stringify(key)).toBe(true);
  });
});

import { type Transaction } from '../../platform/database.ts';
import * as repository from './appointments-repository.ts';

/** Busy time for availability searches, over the claim tables (one query per kind). */
export const appointmentBusyTimeSource = {
  async findBusyTimes(
    tx: Transaction,
    query: { practiceId: string; providerIds: readonly string[]; resourceIds: readonly string[]; from: number; to: number },
  ) {
    return repository.findBusyIntervals(tx, query.practiceId, {
      providerIds: query.providerIds,
      resourceIds: query.resourceIds,
      from: new Date(query.from),
      to: new Date(query.to),
    });
  },
};

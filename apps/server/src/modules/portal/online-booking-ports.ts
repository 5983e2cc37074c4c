import type { Transaction } from '../../platform/database.ts';

/** A clinic's current cancellation policy (the sales module implements it; the first read writes version 1). */
export interface CancellationPolicies {
  currentPolicyWithin(
    tx: Transaction,
    practiceId: string,
    clinicId: string,
  ): Promise<{ id: string; version: number; text: string; windowHours: number }>;
}

/** How many of a patient's invoices still owe money (the sales module): the dashboard's Payment History badge. */
export interface UnpaidInvoiceCounts {
  countUnpaidInvoicesWithin(tx: Transaction, practiceId: string, patientId: string): Promise<number>;
}

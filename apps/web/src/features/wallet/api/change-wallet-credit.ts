import { walletChangeResponseSchema, type WalletMoneyBalance } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { walletQueryKeys } from './wallet-query-keys.ts';

export interface WalletCreditChange {
  patientId: string;
  direction: 'add' | 'remove';
  balance: WalletMoneyBalance;
  amountCents: number;
  currency: string;
  reason: string;
  /** Additions only: the last day the credit counts. */
  expiresOn?: string | undefined;
  /** One per dialog opening: a double click or a retry never adds or removes twice. */
  idempotencyKey: string;
}

export function changeWalletCredit({ patientId, direction, idempotencyKey, expiresOn, ...body }: WalletCreditChange) {
  const path = direction === 'add' ? 'credits' : 'removals';
  return apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}/wallet/${path}`, walletChangeResponseSchema, {
    method: 'POST',
    body: direction === 'add' && expiresOn ? { ...body, expiresOn } : body,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

/** Adds or removes dollar credit (or rewards) with a reason; the wallet shows the new ledger at once. */
export function useChangeWalletCredit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeWalletCredit,
    onSuccess: (change, { patientId }) => queryClient.setQueryData(walletQueryKeys.ofPatient(patientId), change.wallet),
  });
}

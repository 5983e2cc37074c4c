import { walletSettingsSchema, type UpdateWalletSettingsRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { walletQueryKeys } from './wallet-query-keys.ts';

export interface UpdateWalletSettingsInput {
  /** The version the user edited; the server refuses the save (412) when someone saved since. */
  expectedVersion: number;
  settings: UpdateWalletSettingsRequest;
}

export function updateWalletSettings({ expectedVersion, settings }: UpdateWalletSettingsInput) {
  return apiRequest('/api/v1/wallet/settings', walletSettingsSchema, {
    method: 'PUT',
    body: settings,
    headers: { 'if-match': `"${expectedVersion}"` },
  });
}

/** Changes the wallet's currency or reward rule (owners and admins). */
export function useUpdateWalletSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWalletSettings,
    onSuccess: (saved) => queryClient.setQueryData(walletQueryKeys.settings, saved),
    onSettled: async (_result, error) => {
      if (isApiProblem(error, 412)) await queryClient.invalidateQueries({ queryKey: walletQueryKeys.settings });
    },
  });
}

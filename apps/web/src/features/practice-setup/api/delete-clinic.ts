import { apiCommand } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

/** Only a clinic nothing refers to can go; otherwise the server answers 409 (deactivate it instead). */
export function deleteClinic(clinicId: string) {
  return apiCommand(`/api/v1/clinics/${encodeURIComponent(clinicId)}`, { method: 'DELETE' });
}

export function useDeleteClinic() {
  return useSetupMutation(deleteClinic);
}

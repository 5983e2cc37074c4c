import { signedDocumentListSchema, type SignedDocument } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientSignedDocumentsKey } from './paperwork-query-keys.ts';

export async function getSignedDocuments(patientId: string, signal?: AbortSignal): Promise<SignedDocument[]> {
  const { items } = await apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}/signed-documents`, signedDocumentListSchema, {
    signal,
  });
  return items;
}

/** The client's signed consents and filled questionnaires, newest first. */
export function useSignedDocuments(patientId: string) {
  return useQuery({
    queryKey: patientSignedDocumentsKey(patientId),
    queryFn: ({ signal }) => getSignedDocuments(patientId, signal),
  });
}

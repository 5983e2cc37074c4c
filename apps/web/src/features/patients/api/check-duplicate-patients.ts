import { duplicateCheckResponseSchema, e164PhoneSchema, emailSchema, type DuplicateMatch } from '@glowdesk/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';

export interface DuplicateCheckInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  dateOfBirth?: string | undefined;
}

/** Only well-formed parts are sent: a half-typed email must not turn the check into an error. */
function requestOf(input: DuplicateCheckInput) {
  const email = emailSchema.safeParse(input.email.trim());
  const phone = e164PhoneSchema.safeParse(input.phone.trim());
  return {
    ...(input.firstName.trim() ? { firstName: input.firstName.trim() } : {}),
    ...(input.lastName.trim() ? { lastName: input.lastName.trim() } : {}),
    ...(email.success ? { email: email.data } : {}),
    ...(phone.success ? { phone: phone.data } : {}),
    ...(input.dateOfBirth ? { dateOfBirth: input.dateOfBirth } : {}),
  };
}

export async function checkDuplicatePatients(input: DuplicateCheckInput, signal?: AbortSignal): Promise<DuplicateMatch[]> {
  const { possibleDuplicates } = await apiRequest('/api/v1/patients/duplicate-check', duplicateCheckResponseSchema, {
    method: 'POST',
    body: requestOf(input),
    signal,
  });
  return possibleDuplicates;
}

/** Profiles that may be the same person as the one being entered (pass debounced values). */
export function useDuplicatePatients(input: DuplicateCheckInput, { enabled = true }: { enabled?: boolean } = {}) {
  const request = requestOf(input);
  const worthChecking = 'email' in request || 'phone' in request || ('firstName' in request && 'lastName' in request);
  return useQuery({
    queryKey: patientQueryKeys.duplicateCheck(request),
    queryFn: ({ signal }) => checkDuplicatePatients(input, signal),
    enabled: enabled && worthChecking,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

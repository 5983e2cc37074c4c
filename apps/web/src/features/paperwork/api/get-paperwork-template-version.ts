import { paperworkTemplateVersionSchema, type PaperworkTemplateVersion } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { paperworkTemplateVersionKey } from './paperwork-query-keys.ts';

export function getPaperworkTemplateVersion(templateId: string, version: number, signal?: AbortSignal): Promise<PaperworkTemplateVersion> {
  return apiRequest(`/api/v1/paperwork-templates/${encodeURIComponent(templateId)}/versions/${version}`, paperworkTemplateVersionSchema, {
    signal,
  });
}

/** One version exactly as written. Versions never change once saved, so one read is kept for good. */
export function usePaperworkTemplateVersion(templateId: string, version: number | null) {
  return useQuery({
    queryKey: paperworkTemplateVersionKey(templateId, version ?? 0),
    queryFn: ({ signal }) => getPaperworkTemplateVersion(templateId, version ?? 0, signal),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

import { paperworkTemplateSchema, type PaperworkTemplate } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { paperworkTemplateKey } from './paperwork-query-keys.ts';

/** A template's current version in full, with the list of its versions. */
export function getPaperworkTemplate(templateId: string, signal?: AbortSignal): Promise<PaperworkTemplate> {
  return apiRequest(`/api/v1/paperwork-templates/${encodeURIComponent(templateId)}`, paperworkTemplateSchema, { signal });
}

/** Fresh each time it is opened: an edit starts from the version it will replace. */
export function usePaperworkTemplate(templateId: string | null) {
  return useQuery({
    queryKey: paperworkTemplateKey(templateId ?? 'none'),
    queryFn: ({ signal }) => getPaperworkTemplate(templateId ?? '', signal),
    enabled: templateId !== null,
    staleTime: 0,
  });
}

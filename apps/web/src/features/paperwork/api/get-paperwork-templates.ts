import { paperworkTemplateListSchema, type PaperworkTemplateSummary } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { paperworkTemplatesKey } from './paperwork-query-keys.ts';

/** Every template, active or not (active first); the pages filter themselves. */
export async function getPaperworkTemplates(signal?: AbortSignal): Promise<PaperworkTemplateSummary[]> {
  const { items } = await apiRequest('/api/v1/paperwork-templates', paperworkTemplateListSchema, { signal });
  return items;
}

export function usePaperworkTemplates() {
  return useQuery({ queryKey: paperworkTemplatesKey, queryFn: ({ signal }) => getPaperworkTemplates(signal) });
}

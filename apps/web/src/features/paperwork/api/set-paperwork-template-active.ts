import { paperworkTemplateSchema } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { useTemplateMutation } from './use-template-mutation.ts';

export interface SetPaperworkTemplateActiveInput {
  templateId: string;
  active: boolean;
}

/** Deactivates (no longer attached at booking; never deleted) or reactivates a template. */
export function setPaperworkTemplateActive({ templateId, active }: SetPaperworkTemplateActiveInput) {
  return apiRequest(
    `/api/v1/paperwork-templates/${encodeURIComponent(templateId)}/${active ? 'reactivate' : 'deactivate'}`,
    paperworkTemplateSchema,
    { method: 'POST' },
  );
}

export function useSetPaperworkTemplateActive() {
  return useTemplateMutation(setPaperworkTemplateActive);
}

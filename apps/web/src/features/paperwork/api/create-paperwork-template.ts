import { paperworkTemplateSchema, type CreatePaperworkTemplateRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { useTemplateMutation } from './use-template-mutation.ts';

export function createPaperworkTemplate(input: CreatePaperworkTemplateRequest) {
  return apiRequest('/api/v1/paperwork-templates', paperworkTemplateSchema, { method: 'POST', body: input });
}

export function useCreatePaperworkTemplate() {
  return useTemplateMutation(createPaperworkTemplate);
}

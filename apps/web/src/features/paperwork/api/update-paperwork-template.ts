import { paperworkTemplateSchema, type UpdatePaperworkTemplateRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { useTemplateMutation } from './use-template-mutation.ts';

export interface UpdatePaperworkTemplateInput {
  templateId: string;
  /** The version the user edited; the server answers 412 when another version was saved since. */
  expectedVersion: number;
  wording: UpdatePaperworkTemplateRequest;
}

/** Saves the whole new wording as the template's next version (none when nothing changed). */
export function updatePaperworkTemplate({ templateId, expectedVersion, wording }: UpdatePaperworkTemplateInput) {
  return apiRequest(`/api/v1/paperwork-templates/${encodeURIComponent(templateId)}`, paperworkTemplateSchema, {
    method: 'PUT',
    body: wording,
    headers: { 'if-match': `"${expectedVersion}"` },
  });
}

export function useUpdatePaperworkTemplate() {
  return useTemplateMutation(updatePaperworkTemplate);
}

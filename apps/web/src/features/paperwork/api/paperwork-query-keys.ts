import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';

/**
 * Paperwork's query keys. Templates, the forms attached to services and the forms assigned to
 * patients all sit under `paperwork`, so a template edit (new name, new version) refetches every
 * list that shows it. An appointment's forms sit under the appointment's own key, so whatever
 * refetches an appointment refetches its forms too.
 */
export const paperworkKey = ['paperwork'] as const;
export const paperworkTemplatesKey = [...paperworkKey, 'templates'] as const;
export const paperworkTemplateKey = (templateId: string) => [...paperworkTemplatesKey, templateId] as const;
export const paperworkTemplateVersionKey = (templateId: string, version: number) =>
  [...paperworkTemplateKey(templateId), 'versions', version] as const;
export const servicePaperworkKey = (serviceId: string) => [...paperworkKey, 'services', serviceId] as const;
export const patientPaperworkKey = (patientId: string) => [...paperworkKey, 'patients', patientId] as const;
/** Under the patient's forms, so a witness signature or a reset refetches it too. */
export const patientSignedDocumentsKey = (patientId: string) => [...patientPaperworkKey(patientId), 'signed-documents'] as const;
export const paperworkAssignmentKey = (assignmentId: string) => [...paperworkKey, 'assignments', assignmentId] as const;
export const appointmentPaperworkKey = (appointmentId: string) => [...appointmentQueryKeys.detail(appointmentId), 'paperwork'] as const;

import { idSchema, paperworkAssignmentSchema, paperworkStatusSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { paperworkAssignmentKey } from './paperwork-query-keys.ts';

const assignmentEventSchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorStaffId: idSchema.nullable(),
  /** `assigned`, `status_changed` (the patient or witness acted) or `reset`. */
  type: z.string(),
  fromStatus: paperworkStatusSchema.nullable(),
  toStatus: paperworkStatusSchema.nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type PaperworkAssignmentEvent = z.infer<typeof assignmentEventSchema>;

const assignmentDetailSchema = paperworkAssignmentSchema.extend({ history: z.array(assignmentEventSchema) });
export type PaperworkAssignmentDetail = z.infer<typeof assignmentDetailSchema>;

export function getPaperworkAssignment(assignmentId: string, signal?: AbortSignal): Promise<PaperworkAssignmentDetail> {
  return apiRequest(`/api/v1/paperwork-assignments/${encodeURIComponent(assignmentId)}`, assignmentDetailSchema, { signal });
}

/** One assigned form with its history: assigned, completed, reset. */
export function usePaperworkAssignment(assignmentId: string | null) {
  return useQuery({
    queryKey: paperworkAssignmentKey(assignmentId ?? 'none'),
    queryFn: ({ signal }) => getPaperworkAssignment(assignmentId ?? '', signal),
    enabled: assignmentId !== null,
    staleTime: 0,
  });
}

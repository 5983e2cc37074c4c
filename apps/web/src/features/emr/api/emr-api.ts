import {
  emrBoardSchema,
  inventoryLotListSchema,
  procedureSchema,
  procedureTypeListSchema,
  type CreateProcedureRequest,
  type InventoryLot,
  type Procedure,
  type ProcedureType,
  type UpdateProcedureRequest,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';

/**
 * The board sits under the appointment lists' key, so a change to the book (here or, through
 * the change token, elsewhere; decision 022) refetches it with them.
 */
export const emrQueryKeys = {
  board: (clinicId: string, date: string) => [...appointmentQueryKeys.lists(), 'emr-board', clinicId, date] as const,
  procedure: (procedureId: string) => ['procedure', procedureId] as const,
  procedureTypes: () => ['procedure-types'] as const,
  lots: () => ['inventory-lots'] as const,
};

/** A fallback for what the change token does not see (a chart signed elsewhere moves a card to Ready for Checkout). */
const BOARD_REFETCH_MS = 60_000;

export function useEmrBoard(clinicId: string | undefined, date: string) {
  return useQuery({
    queryKey: emrQueryKeys.board(clinicId ?? 'none', date),
    queryFn: ({ signal }) => apiRequest('/api/v1/emr/board', emrBoardSchema, { query: { clinicId, date }, signal }),
    enabled: clinicId !== undefined,
    refetchInterval: BOARD_REFETCH_MS,
  });
}

export function useProcedureTypes(enabled = true) {
  return useQuery({
    queryKey: emrQueryKeys.procedureTypes(),
    queryFn: async ({ signal }): Promise<ProcedureType[]> =>
      (await apiRequest('/api/v1/procedure-types', procedureTypeListSchema, { signal })).items,
    enabled,
  });
}

export function useInventoryLots(enabled = true) {
  return useQuery({
    queryKey: emrQueryKeys.lots(),
    queryFn: async ({ signal }): Promise<InventoryLot[]> =>
      (await apiRequest('/api/v1/inventory/lots', inventoryLotListSchema, { signal })).items,
    enabled,
  });
}

export function useProcedure(procedureId: string) {
  return useQuery({
    queryKey: emrQueryKeys.procedure(procedureId),
    queryFn: ({ signal }) => apiRequest(`/api/v1/procedures/${encodeURIComponent(procedureId)}`, procedureSchema, { signal }),
  });
}

export function useCreateProcedure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProcedureRequest) => apiRequest('/api/v1/procedures', procedureSchema, { method: 'POST', body }),
    onSuccess: (procedure) => {
      queryClient.setQueryData(emrQueryKeys.procedure(procedure.id), procedure);
      void queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.lists() });
    },
  });
}

/** Saving, signing and addenda answer the whole chart; stock moves, and a signature moves the board's card. */
function useChartChange<Input>(request: (input: Input) => Promise<Procedure>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (procedure) => {
      queryClient.setQueryData(emrQueryKeys.procedure(procedure.id), procedure);
      void queryClient.invalidateQueries({ queryKey: emrQueryKeys.lots() });
      void queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.lists() });
    },
  });
}

export function useSaveChart(procedureId: string) {
  return useChartChange((body: UpdateProcedureRequest) =>
    apiRequest(`/api/v1/procedures/${encodeURIComponent(procedureId)}`, procedureSchema, { method: 'PATCH', body }),
  );
}

export function useSignChart(procedureId: string) {
  return useChartChange(() =>
    apiRequest(`/api/v1/procedures/${encodeURIComponent(procedureId)}/sign`, procedureSchema, { method: 'POST', body: {} }),
  );
}

export function useAddAddendum(procedureId: string) {
  return useChartChange((text: string) =>
    apiRequest(`/api/v1/procedures/${encodeURIComponent(procedureId)}/addenda`, procedureSchema, { method: 'POST', body: { text } }),
  );
}

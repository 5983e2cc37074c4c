/** Where the EMR's pages live in the staff app. */
export const EMR_PATH = '/emr';
export const chartPath = (procedureId: string) => `/emr/procedures/${encodeURIComponent(procedureId)}`;
export type ProcedureView = 'multi' | 'single';
export const newProcedurePath = (appointmentId: string, view: ProcedureView) =>
  `/emr/procedures/new?appointmentId=${encodeURIComponent(appointmentId)}&view=${view}`;

/** Roles that chart; front desk sees the board only. */
export function chartsFor(role: string): boolean {
  return role === 'owner' || role === 'admin' || role === 'provider';
}

/** Where the EMR's pages live in the staff app. */
export const EMR_PATH = '/emr';
export const chartPath = (procedureId: string) => `/emr/procedures/${encodeURIComponent(procedureId)}`;
export type ProcedureView = 'multi' | 'single';
export const newProcedurePath = (appointmentId: string, view: ProcedureView) =>
  `/emr/procedures/new?appointmentId=${encodeURIComponent(appointmentId)}&view=${view}`;
/** A new procedure for a patient: step 1 (patient) is filled in, the booking is chosen or made in step 2. */
export const newPatientProcedurePath = (patientId: string, view: ProcedureView) =>
  `/emr/procedures/new?patientId=${encodeURIComponent(patientId)}&view=${view}`;
export const LOTS_PATH = '/emr/lots';
/** The medical director's queue of signed charts to co-sign. */
export const MD_REVIEW_PATH = '/emr/md-review';
export const lotPath = (lotId: string) => `/emr/lots/${encodeURIComponent(lotId)}`;
export const PROCEDURE_TYPES_PATH = '/emr/procedure-types';
export const clientProfilePath = (patientId: string) => `/clients/${encodeURIComponent(patientId)}`;

/** Roles that chart; front desk sees the board only. */
export function chartsFor(role: string): boolean {
  return role === 'owner' || role === 'admin' || role === 'provider';
}

/** Roles that set up procedure types and receive, open and recall inventory lots. */
export function managesEmrFor(role: string): boolean {
  return role === 'owner' || role === 'admin';
}

export { createPatientsService, type PatientsService, type PatientWriteActor } from './patients-service.ts';
export { patientsRoutes, toPatientResponse } from './patients-routes.ts';
export type { PatientRecord, PatientSummaryRecord } from './patients-repository.ts';

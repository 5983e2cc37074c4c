export { createEmrService, type EmrService } from './emr-service.ts';
export type { EmrDependencies } from './emr-dependencies.ts';
export { emrRoutes } from './emr-routes.ts';
export { procedurePhotoRoutes } from './procedure-photo-routes.ts';
export { createMedicalHistoryService, type MedicalHistoryService } from './medical-history-service.ts';
export { medicalHistoryRoutes } from './medical-history-routes.ts';
export { portalPrescriptionRoutes, prescriptionRoutes } from './prescription-routes.ts';
export { createPhotoFileCleanupScheduler } from './photo-file-cleanup-scheduler.ts';

import { z } from 'zod';
import { idSchema, isoInstantSchema, localDateSchema } from './common.ts';

/** How many rows each list of a medical history holds at most. */
export const MEDICAL_HISTORY_MAX_ROWS = 50;

const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'Required.' })
    .max(max, { message: `At most ${max} characters.` });
/** Optional text: null when not given (the web sends null for an empty box). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'Leave it out (null) rather than empty.' })
    .max(max, { message: `At most ${max} characters.` })
    .nullable();
const rows = <Row extends z.ZodType>(row: Row) =>
  z.array(row).max(MEDICAL_HISTORY_MAX_ROWS, { message: `At most ${MEDICAL_HISTORY_MAX_ROWS} entries.` });

export const allergySeveritySchema = z.enum(['mild', 'moderate', 'severe', 'unknown']);
export type AllergySeverity = z.infer<typeof allergySeveritySchema>;
export const allergySeverityLabels: Record<AllergySeverity, string> = {
  mild: 'Mild',
  moderate: 'Moderate',
  severe: 'Severe',
  unknown: 'Unknown severity',
};

export const allergySchema = z.strictObject({
  substance: requiredText(200),
  reaction: optionalText(200),
  severity: allergySeveritySchema,
});
export type Allergy = z.infer<typeof allergySchema>;

export const medicationSchema = z.strictObject({
  name: requiredText(200),
  dose: optionalText(100),
  frequency: optionalText(100),
});
export type Medication = z.infer<typeof medicationSchema>;

/** When a treatment was had: a year (2024), a month (2024-05) or a day (2024-05-17). */
export const treatmentWhenSchema = z
  .string()
  .regex(/^(19|20|21)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, {
    message: 'Must be a year (2024), a month (2024-05) or a date (2024-05-17).',
  })
  .nullable();

export const previousTreatmentSchema = z.strictObject({
  treatment: requiredText(200),
  when: treatmentWhenSchema,
  notes: optionalText(500),
});
export type PreviousTreatment = z.infer<typeof previousTreatmentSchema>;

export const pregnancyStatusSchema = z.enum(['not_applicable', 'not_pregnant', 'pregnant', 'breastfeeding', 'unknown']);
export type PregnancyStatus = z.infer<typeof pregnancyStatusSchema>;
export const pregnancyStatusLabels: Record<PregnancyStatus, string> = {
  not_applicable: 'Not applicable',
  not_pregnant: 'Not pregnant',
  pregnant: 'Pregnant',
  breastfeeding: 'Breastfeeding',
  unknown: 'Unknown',
};

export const pregnancySchema = z
  .strictObject({
    status: pregnancyStatusSchema,
    /** The expected due date; only while pregnant. */
    dueDate: localDateSchema.nullable(),
  })
  .refine((pregnancy) => pregnancy.dueDate === null || pregnancy.status === 'pregnant', {
    message: 'A due date is given only while pregnant.',
    path: ['dueDate'],
  });
export type Pregnancy = z.infer<typeof pregnancySchema>;

/** What a medical history holds: the body of PUT, and each version's snapshot. */
export const medicalHistoryContentSchema = z.strictObject({
  allergies: rows(allergySchema),
  medications: rows(medicationSchema),
  conditions: rows(requiredText(200)),
  previousTreatments: rows(previousTreatmentSchema),
  pregnancy: pregnancySchema,
  notes: optionalText(4000),
});
export type MedicalHistoryContent = z.infer<typeof medicalHistoryContentSchema>;

/** The history of a patient nobody has filled in yet (version 0). */
export const emptyMedicalHistoryContent: MedicalHistoryContent = {
  allergies: [],
  medications: [],
  conditions: [],
  previousTreatments: [],
  pregnancy: { status: 'unknown', dueDate: null },
  notes: null,
};

export const medicalHistoryAuthorSchema = z.object({
  kind: z.enum(['staff', 'patient']),
  id: idSchema,
  displayName: z.string(),
});
export type MedicalHistoryAuthor = z.infer<typeof medicalHistoryAuthorSchema>;

/** `GET/PUT /api/v1/patients/:id/medical-history`: the current history, as staff see it. */
export const medicalHistorySchema = medicalHistoryContentSchema.extend({
  patientId: idSchema,
  /** 0 until the history is first saved; PUT's If-Match names it. */
  version: z.number().int().min(0),
  updatedAt: isoInstantSchema.nullable(),
  updatedBy: medicalHistoryAuthorSchema.nullable(),
  /** The patient changed it in the portal and no staff member has reviewed the change yet. */
  needsReview: z.boolean(),
  reviewedAt: isoInstantSchema.nullable(),
  reviewedBy: z.object({ id: idSchema, displayName: z.string() }).nullable(),
});
export type MedicalHistory = z.infer<typeof medicalHistorySchema>;

export const medicalHistorySectionSchema = z.enum(['allergies', 'medications', 'conditions', 'previousTreatments', 'pregnancy', 'notes']);
export type MedicalHistorySection = z.infer<typeof medicalHistorySectionSchema>;
export const medicalHistorySectionLabels: Record<MedicalHistorySection, string> = {
  allergies: 'Allergies',
  medications: 'Medications',
  conditions: 'Conditions',
  previousTreatments: 'Previous treatments',
  pregnancy: 'Pregnancy',
  notes: 'Notes',
};

/** One readable line of what a version changed. */
export const medicalHistoryChangeSchema = z.object({
  section: medicalHistorySectionSchema,
  kind: z.enum(['added', 'removed', 'changed']),
  text: z.string(),
});
export type MedicalHistoryChange = z.infer<typeof medicalHistoryChangeSchema>;

export const medicalHistoryVersionSchema = z.object({
  version: z.number().int().min(1),
  changedAt: isoInstantSchema,
  changedBy: medicalHistoryAuthorSchema,
  /** What changed from the version before (from nothing, for the first). */
  changes: z.array(medicalHistoryChangeSchema),
  content: medicalHistoryContentSchema,
});
export type MedicalHistoryVersion = z.infer<typeof medicalHistoryVersionSchema>;

/** `GET /api/v1/patients/:id/medical-history/versions`: newest first. */
export const medicalHistoryVersionListSchema = z.object({ items: z.array(medicalHistoryVersionSchema) });
export type MedicalHistoryVersionList = z.infer<typeof medicalHistoryVersionListSchema>;

/** `GET /api/v1/medical-history/reviews`: patients whose own change waits for staff review, oldest first. */
export const medicalHistoryReviewListSchema = z.object({
  items: z.array(
    z.object({
      patient: z.object({ id: idSchema, firstName: z.string(), lastName: z.string() }),
      version: z.number().int().min(1),
      changedAt: isoInstantSchema,
    }),
  ),
});
export type MedicalHistoryReviewList = z.infer<typeof medicalHistoryReviewListSchema>;

/** `GET/PUT /api/v1/portal/medical-history`: the patient's own history in the portal. */
export const portalMedicalHistorySchema = medicalHistoryContentSchema.extend({
  version: z.number().int().min(0),
  updatedAt: isoInstantSchema.nullable(),
  /** Who saved it last: the patient (or their guardian) or the clinic. */
  updatedBy: z.enum(['you', 'clinic']).nullable(),
  /** The patient's last change is still to be reviewed by the clinic. */
  awaitingReview: z.boolean(),
});
export type PortalMedicalHistory = z.infer<typeof portalMedicalHistorySchema>;

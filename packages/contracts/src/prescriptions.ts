import { z } from 'zod';
import { idSchema, isoInstantSchema, localDateSchema } from './common.ts';

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: `Enter the ${what}.` })
    .max(max, { message: `At most ${max} characters.` });

/**
 * `POST /api/v1/patients/:patientId/prescriptions`. The prescriber is the staff member who
 * records it (decision 042); the date defaults to the practice's today and may not be later.
 */
export const createPrescriptionRequestSchema = z.strictObject({
  drug: text('drug', 200),
  strength: text('strength', 100),
  directions: text('directions', 1000),
  quantity: z
    .number({ message: 'Enter the quantity as a whole number.' })
    .int({ message: 'Enter the quantity as a whole number.' })
    .min(1, { message: 'The quantity is at least 1.' })
    .max(9999, { message: 'The quantity is at most 9999.' }),
  refills: z
    .number({ message: 'Enter the refills as a whole number.' })
    .int({ message: 'Enter the refills as a whole number.' })
    .min(0, { message: 'Refills cannot be negative.' })
    .max(12, { message: 'At most 12 refills.' }),
  prescribedOn: localDateSchema.optional(),
  /** The chart the prescription was written on, one of the patient's procedures. */
  procedureId: idSchema.nullable().optional(),
});
export type CreatePrescriptionRequest = z.input<typeof createPrescriptionRequestSchema>;

export const discontinuePrescriptionRequestSchema = z.strictObject({
  reason: text('reason', 500),
});
export type DiscontinuePrescriptionRequest = z.input<typeof discontinuePrescriptionRequestSchema>;

const staffRefSchema = z.object({ id: idSchema, displayName: z.string() });

export const prescriptionStatusSchema = z.enum(['active', 'discontinued']);
export type PrescriptionStatus = z.infer<typeof prescriptionStatusSchema>;
export const prescriptionStatusLabels: Record<PrescriptionStatus, string> = { active: 'Active', discontinued: 'Discontinued' };

export const prescriptionSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  procedureId: idSchema.nullable(),
  drug: z.string(),
  strength: z.string(),
  directions: z.string(),
  quantity: z.number().int(),
  refills: z.number().int(),
  prescribedOn: localDateSchema,
  prescriber: staffRefSchema,
  status: prescriptionStatusSchema,
  createdAt: isoInstantSchema,
  discontinuedAt: isoInstantSchema.nullable(),
  discontinuedBy: staffRefSchema.nullable(),
  discontinuedReason: z.string().nullable(),
});
export type Prescription = z.infer<typeof prescriptionSchema>;

export const prescriptionListSchema = z.object({ items: z.array(prescriptionSchema) });

/** What the portal shows the patient: the prescription and who wrote it, not who discontinued it or why. */
export const portalPrescriptionSchema = z.object({
  id: idSchema,
  drug: z.string(),
  strength: z.string(),
  directions: z.string(),
  quantity: z.number().int(),
  refills: z.number().int(),
  prescribedOn: localDateSchema,
  prescriberName: z.string(),
  status: prescriptionStatusSchema,
  discontinuedOn: isoInstantSchema.nullable(),
});
export type PortalPrescription = z.infer<typeof portalPrescriptionSchema>;
export const portalPrescriptionListSchema = z.object({ items: z.array(portalPrescriptionSchema) });

import { z } from 'zod';
import { appointmentStatusSchema } from './appointments.ts';
import { hasAtMostTwoDecimals, idSchema, isoInstantSchema, localDateSchema } from './common.ts';
import { laserSettingsRequestSchema, laserSettingsSchema } from './emr-laser.ts';
import { productsUsedRequestSchema, productUsedSchema } from './emr-products-used.ts';

/** The chart sections a procedure type may ask for. */
export const procedureSectionSchema = z.enum(['clinical_notes', 'injectables', 'laser_settings', 'products_used', 'photos', 'consents']);
export type ProcedureSection = z.infer<typeof procedureSectionSchema>;
export const procedureSectionLabels: Record<ProcedureSection, string> = {
  clinical_notes: 'Clinical notes (SOAP)',
  injectables: 'Injectables',
  laser_settings: 'Laser / device settings',
  products_used: 'Products used',
  photos: 'Photos (before and after)',
  consents: 'Consents required',
};

export const createProcedureTypeRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1, { message: 'Enter the procedure type’s name.' }).max(200, { message: 'At most 200 characters.' }),
    sections: z
      .array(procedureSectionSchema)
      .min(1, { message: 'Choose at least one section.' })
      .refine((sections) => new Set(sections).size === sections.length, { message: 'Name each section once.' })
      .default(['clinical_notes', 'injectables']),
    /** A consent template (paperwork) the patient must have signed before photos are taken; photos are linked to it. */
    photoConsentTemplateId: idSchema.nullable().default(null),
    /** With the consents section: the consent templates the patient must have signed before the chart is signed. */
    requiredConsentTemplateIds: z
      .array(idSchema)
      .max(20, { message: 'At most 20 consents.' })
      .refine((ids) => new Set(ids).size === ids.length, { message: 'Name each consent once.' })
      .default([]),
  })
  .superRefine((body, context) => {
    const asksForConsents = body.sections.includes('consents');
    if (asksForConsents && body.requiredConsentTemplateIds.length === 0) {
      context.addIssue({ code: 'custom', path: ['requiredConsentTemplateIds'], message: 'Choose the consents this procedure requires.' });
    }
    if (!asksForConsents && body.requiredConsentTemplateIds.length > 0) {
      context.addIssue({ code: 'custom', path: ['requiredConsentTemplateIds'], message: 'Add the consents section to require consents.' });
    }
  });
export type CreateProcedureTypeRequest = z.input<typeof createProcedureTypeRequestSchema>;

export const procedureTypeSchema = z.object({
  id: idSchema,
  name: z.string(),
  sections: z.array(procedureSectionSchema),
  photoConsentTemplateId: idSchema.nullable(),
  requiredConsentTemplateIds: z.array(idSchema),
  createdAt: isoInstantSchema,
});
export type ProcedureType = z.infer<typeof procedureTypeSchema>;
export const procedureTypeListSchema = z.object({ items: z.array(procedureTypeSchema) });

/** The booking made from step 2 of a new procedure, through the appointment book's rules. */
export const procedureNewBookingSchema = z.strictObject({
  clinicId: idSchema,
  serviceId: idSchema,
  /** The service's duration; a different one is refused (the book times visits by their services). */
  durationMinutes: z.number().int().min(1).max(720).optional(),
  providerId: idSchema,
  start: isoInstantSchema,
});

export const createProcedureRequestSchema = z
  .strictObject({
    patientId: idSchema,
    procedureTypeId: idSchema,
    appointmentId: idSchema.optional(),
    newBooking: procedureNewBookingSchema.optional(),
  })
  .superRefine((body, context) => {
    if (body.appointmentId === undefined && body.newBooking === undefined) {
      context.addIssue({ code: 'custom', path: ['appointmentId'], message: 'Choose one of the patient’s bookings or create a new one.' });
    }
    if (body.appointmentId !== undefined && body.newBooking !== undefined) {
      context.addIssue({ code: 'custom', path: ['newBooking'], message: 'Attach an existing booking or create a new one, not both.' });
    }
  });
export type CreateProcedureRequest = z.input<typeof createProcedureRequestSchema>;

const noteText = z.string().max(20_000, { message: 'At most 20,000 characters.' });
export const soapNotesSchema = z.strictObject({
  subjective: noteText.default(''),
  objective: noteText.default(''),
  assessment: noteText.default(''),
  plan: noteText.default(''),
});
export type SoapNotes = z.infer<typeof soapNotesSchema>;

const diagramCoordinate = z
  .number({ message: 'A point’s coordinates are numbers from 0 to 1.' })
  .min(0, { message: 'A point’s coordinates are from 0 to 1 (the diagram’s left or top edge).' })
  .max(1, { message: 'A point’s coordinates are from 0 to 1 (the diagram’s right or bottom edge).' });

/** Where an injectable was given on the face diagram: 0 to 1 from the diagram's left (x) and top (y) edges. */
export const injectablePointSchema = z.strictObject({ x: diagramCoordinate, y: diagramCoordinate });
export type InjectablePoint = z.infer<typeof injectablePointSchema>;

/** What an inventory lot counts (decision 043): whole units (toxin units, syringes, tubes) or mL, to 0.01 mL. */
export const lotUnitSchema = z.enum(['units', 'mL']);
export type LotUnit = z.infer<typeof lotUnitSchema>;

/** “20 units”, “1 unit”, “0.55 mL”: an amount with its lot's unit. */
export function formatLotAmount(amount: number, unit: LotUnit): string {
  switch (unit) {
    case 'units':
      return `${amount} ${amount === 1 ? 'unit' : 'units'}`;
    case 'mL':
      return `${amount} mL`;
    default: {
      const unknownUnit: never = unit;
      throw new Error(`unknown lot unit ${String(unknownUnit)}`);
    }
  }
}

const millilitersSchema = z
  .number({ message: 'Enter the mL as a number.' })
  .positive({ message: 'More than 0 mL.' })
  .max(1000, { message: 'At most 1,000 mL.' })
  .refine(hasAtMostTwoDecimals, { message: 'At most 2 decimals (0.01 mL).' });

/**
 * One injectable: `units` from a lot counted in units, or `milliliters` from a lot counted in
 * mL (decision 043), never both; which one the lot takes is checked against the lot.
 */
export const injectableEntrySchema = z
  .strictObject({
    lotId: idSchema,
    units: z.number().int({ message: 'Units are whole numbers.' }).min(1, { message: 'At least 1 unit.' }).max(10_000).optional(),
    milliliters: millilitersSchema.optional(),
    area: z.string().trim().min(1, { message: 'Name the treatment area.' }).max(100, { message: 'At most 100 characters.' }),
    /** Optional: entries charted without the face diagram have no point. */
    point: injectablePointSchema.nullable().optional(),
  })
  .superRefine((entry, context) => {
    if (entry.units !== undefined && entry.milliliters !== undefined) {
      context.addIssue({ code: 'custom', path: ['milliliters'], message: 'Give units or milliliters, not both.' });
    } else if (entry.units === undefined && entry.milliliters === undefined) {
      context.addIssue({ code: 'custom', path: ['units'], message: 'Enter the units (or milliliters, for a lot counted in mL).' });
    }
  });
export type InjectableEntry = z.infer<typeof injectableEntrySchema>;

/**
 * The chart's editable content, each part optional; injectables and products used replace the
 * chart's lists (units move back to and from the lots), laser settings replace the section.
 */
export const updateProcedureRequestSchema = z
  .strictObject({
    notes: soapNotesSchema.optional(),
    injectables: z.array(injectableEntrySchema).max(100, { message: 'At most 100 entries.' }).optional(),
    laser: laserSettingsRequestSchema.optional(),
    productsUsed: productsUsedRequestSchema.optional(),
  })
  .refine((body) => Object.values(body).some((part) => part !== undefined), {
    message: 'Send notes, injectables, laser settings or products used to change.',
  });
export type UpdateProcedureRequest = z.input<typeof updateProcedureRequestSchema>;

export const addendumRequestSchema = z.strictObject({
  text: z.string().trim().min(1, { message: 'Write the addendum.' }).max(10_000, { message: 'At most 10,000 characters.' }),
});

const staffRefSchema = z.object({ id: idSchema, displayName: z.string() });

export const procedureSchema = z.object({
  id: idSchema,
  patient: z.object({ id: idSchema, firstName: z.string(), lastName: z.string(), dateOfBirth: z.string().nullable() }),
  procedureType: procedureTypeSchema,
  appointment: z.object({
    id: idSchema,
    clinicId: idSchema,
    providerId: idSchema,
    start: isoInstantSchema,
    end: isoInstantSchema,
    status: appointmentStatusSchema,
    serviceNames: z.array(z.string()),
  }),
  notes: z.object({ subjective: z.string(), objective: z.string(), assessment: z.string(), plan: z.string() }),
  injectables: z.array(
    z.object({
      lotId: idSchema,
      productName: z.string(),
      lotNumber: z.string(),
      expiresOn: localDateSchema,
      /** Whole units from a lot counted in units; null for an mL entry. */
      units: z.number().int().nullable(),
      /** mL (to 0.01) from a lot counted in mL; null for a units entry. */
      milliliters: z.number().nullable(),
      area: z.string(),
      point: z.object({ x: z.number(), y: z.number() }).nullable(),
    }),
  ),
  /** The laser / device section; null until charted. */
  laser: laserSettingsSchema.nullable(),
  productsUsed: z.array(productUsedSchema),
  /** The consents the type requires (its consents section), each with the patient's latest signature; empty without the section. */
  requiredConsents: z.array(z.object({ templateId: idSchema, name: z.string(), signedAt: isoInstantSchema.nullable() })),
  version: z.number().int(),
  createdAt: isoInstantSchema,
  createdBy: staffRefSchema,
  updatedAt: isoInstantSchema,
  signedAt: isoInstantSchema.nullable(),
  signedBy: staffRefSchema.nullable(),
  /** When the practice requires it (decision 042): whether the signed chart waits for a medical director, and their co-signature. */
  cosignature: z.object({
    required: z.boolean(),
    cosignedAt: isoInstantSchema.nullable(),
    cosignedBy: staffRefSchema.nullable(),
  }),
  addenda: z.array(z.object({ id: idSchema, text: z.string(), createdAt: isoInstantSchema, createdBy: staffRefSchema })),
});
export type Procedure = z.infer<typeof procedureSchema>;

/** The board's columns, in order; Ready for Checkout holds in-procedure visits whose chart is signed. */
export const boardColumnSchema = z.enum(['booked', 'checked_in', 'in_procedure', 'ready_for_checkout', 'completed']);
export type BoardColumn = z.infer<typeof boardColumnSchema>;
export const boardColumnLabels: Record<BoardColumn, string> = {
  booked: 'Booked/Confirmed',
  checked_in: 'Checked In',
  in_procedure: 'In Procedure',
  ready_for_checkout: 'Ready for Checkout',
  completed: 'Completed',
};

export const boardQuerySchema = z.strictObject({ clinicId: idSchema, date: localDateSchema });

export const boardCardSchema = z.object({
  appointmentId: idSchema,
  status: appointmentStatusSchema,
  start: isoInstantSchema,
  end: isoInstantSchema,
  patient: z.object({ id: idSchema, firstName: z.string(), lastName: z.string() }),
  serviceNames: z.array(z.string()),
  provider: z.object({ id: idSchema, displayName: z.string() }),
  /** Forms the patient has not completed for this visit; unsigned consents are among them. */
  formsOutstanding: z.number().int(),
  /** The visit's procedure; null when none has been started, or for roles that do not see charts. */
  procedureId: idSchema.nullable(),
});
export type BoardCard = z.infer<typeof boardCardSchema>;

export const emrBoardSchema = z.object({
  clinicId: idSchema,
  date: localDateSchema,
  timezone: z.string(),
  columns: z.array(z.object({ key: boardColumnSchema, label: z.string(), cards: z.array(boardCardSchema) })),
});
export type EmrBoard = z.infer<typeof emrBoardSchema>;

export const createInventoryLotRequestSchema = z
  .strictObject({
    productName: z.string().trim().min(1, { message: 'Enter the product.' }).max(200, { message: 'At most 200 characters.' }),
    lotNumber: z.string().trim().min(1, { message: 'Enter the lot number.' }).max(100, { message: 'At most 100 characters.' }),
    expiresOn: localDateSchema,
    /** What the lot counts; a lot without one counts units. */
    unit: lotUnitSchema.default('units'),
    /** In the lot's unit: whole units, or mL to 2 decimals. */
    quantity: z
      .number({ message: 'Enter the quantity as a number.' })
      .positive({ message: 'More than 0.' })
      .max(1_000_000, { message: 'At most 1,000,000.' }),
  })
  .superRefine((lot, context) => {
    if (lot.unit === 'units' && !Number.isInteger(lot.quantity)) {
      context.addIssue({ code: 'custom', path: ['quantity'], message: 'Whole units.' });
    }
    if (lot.unit === 'mL' && !hasAtMostTwoDecimals(lot.quantity)) {
      context.addIssue({ code: 'custom', path: ['quantity'], message: 'At most 2 decimals (0.01 mL).' });
    }
  });
export type CreateInventoryLotRequest = z.input<typeof createInventoryLotRequestSchema>;

export const inventoryLotSchema = z.object({
  id: idSchema,
  productName: z.string(),
  lotNumber: z.string(),
  expiresOn: localDateSchema,
  unit: lotUnitSchema,
  /** In the lot's unit: whole units, or mL to 2 decimals. */
  quantityReceived: z.number(),
  quantityOnHand: z.number(),
  createdAt: isoInstantSchema,
  recalls: z.array(z.object({ id: idSchema, recalledAt: isoInstantSchema, patientCount: z.number().int() })),
});
export type InventoryLot = z.infer<typeof inventoryLotSchema>;
export const inventoryLotListSchema = z.object({ items: z.array(inventoryLotSchema) });

export const lotPatientSchema = z.object({
  patient: z.object({
    id: idSchema,
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  procedureId: idSchema,
  procedureTypeName: z.string(),
  treatedAt: isoInstantSchema,
  /** What the procedure took from the lot, in the lot's unit (the list's `lot.unit`): whole units, or mL to 2 decimals. */
  amount: z.number(),
  /** The same amount for a lot counted in units; null for an mL lot (read `amount`). */
  units: z.number().int().nullable(),
  provider: z.object({ id: idSchema, displayName: z.string() }),
});
export type LotPatient = z.infer<typeof lotPatientSchema>;
export const lotPatientListSchema = z.object({ lot: inventoryLotSchema, items: z.array(lotPatientSchema) });

export const recallLotRequestSchema = z.strictObject({
  message: z.string().trim().min(1, { message: 'Write the message to the patients.' }).max(1600, { message: 'At most 1,600 characters.' }),
});
export const lotRecallSchema = z.object({
  id: idSchema,
  lotId: idSchema,
  recalledAt: isoInstantSchema,
  patientCount: z.number().int(),
  messagesQueued: z.number().int(),
  /** Patients with neither email nor phone: call them. */
  unreachable: z.array(z.object({ id: idSchema, firstName: z.string(), lastName: z.string() })),
});
export type LotRecall = z.infer<typeof lotRecallSchema>;

/** A signed chart waiting for a medical director's co-signature (MD Review). */
export const mdReviewItemSchema = z.object({
  procedureId: idSchema,
  patient: z.object({ id: idSchema, firstName: z.string(), lastName: z.string() }),
  procedureTypeName: z.string(),
  appointmentStart: isoInstantSchema,
  serviceNames: z.array(z.string()),
  signedAt: isoInstantSchema,
  signedBy: staffRefSchema,
});
export type MdReviewItem = z.infer<typeof mdReviewItemSchema>;
export const mdReviewListSchema = z.object({ items: z.array(mdReviewItemSchema) });

/** Co-signs every listed chart or none (decision 042). */
export const cosignRequestSchema = z.strictObject({
  procedureIds: z
    .array(idSchema)
    .min(1, { message: 'Choose at least one chart.' })
    .max(200, { message: 'Co-sign at most 200 charts at a time.' })
    .refine((ids) => new Set(ids).size === ids.length, { message: 'A chart is listed twice.' }),
});
export type CosignRequest = z.input<typeof cosignRequestSchema>;
export const cosignResponseSchema = z.object({
  cosignedAt: isoInstantSchema,
  items: z.array(z.object({ procedureId: idSchema })),
});
export type CosignResponse = z.infer<typeof cosignResponseSchema>;

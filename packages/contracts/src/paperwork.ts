import { z } from 'zod';
import { idSchema } from './common.ts';

/**
 * Paperwork a patient completes before a visit:
 * - `consent`: text the patient signs (a witness may have to sign too);
 * - `questionnaire`: questions the patient answers;
 * - `instructions`: pre-treatment instructions the patient reads.
 */
export const paperworkKindSchema = z.enum(['consent', 'questionnaire', 'instructions']);
export type PaperworkKind = z.infer<typeof paperworkKindSchema>;

export const paperworkKindLabels: Record<PaperworkKind, string> = {
  consent: 'Consent',
  questionnaire: 'Questionnaire',
  instructions: 'Pre-treatment instructions',
};

/** `markdown` is a small subset (paragraphs, **bold**, *italic*, lists, headings, links); `plain` keeps line breaks. */
export const paperworkTextFormatSchema = z.enum(['plain', 'markdown']);
export type PaperworkTextFormat = z.infer<typeof paperworkTextFormatSchema>;

export const questionTypeSchema = z.enum(['short_text', 'long_text', 'yes_no', 'single_choice', 'multiple_choice', 'date']);
export type QuestionType = z.infer<typeof questionTypeSchema>;

export const questionTypeLabels: Record<QuestionType, string> = {
  short_text: 'Short text',
  long_text: 'Long text',
  yes_no: 'Yes / no',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  date: 'Date',
};

const choiceTypes: readonly QuestionType[] = ['single_choice', 'multiple_choice'];

const requiredText = (label: string, max: number) =>
  z
    .string({ message: `Enter the ${label}.` })
    .max(max, { message: `The ${label} is at most ${max} characters.` })
    .refine((text) => text.trim().length > 0, { message: `The ${label} cannot be empty.` });

export const paperworkQuestionSchema = z
  .strictObject({
    /** Stable across versions so answers can be compared; assigned (q1, q2 …) when absent. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'Lower-case letters, digits, _ or -, at most 40 characters.' })
      .optional(),
    label: requiredText('question', 500),
    type: questionTypeSchema,
    required: z.boolean().default(false),
    helpText: z.string().max(1000).nullable().optional(),
    /** The choices of a single or multiple choice question (2–50, distinct); absent for other types. */
    options: z
      .array(requiredText('option', 200))
      .max(50, { message: 'At most 50 options.' })
      .refine((options) => new Set(options.map((option) => option.trim().toLowerCase())).size === options.length, {
        message: 'Each option must be different.',
      })
      .optional(),
  })
  .superRefine((question, context) => {
    const isChoice = choiceTypes.includes(question.type);
    if (isChoice && (question.options?.length ?? 0) < 2) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'A choice question needs at least two options.' });
    }
    if (!isChoice && question.options !== undefined && question.options.length > 0) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'Only single and multiple choice questions have options.' });
    }
  });
export type PaperworkQuestionInput = z.input<typeof paperworkQuestionSchema>;

export const paperworkQuestionOutputSchema = z.object({
  id: z.string(),
  label: z.string(),
  type: questionTypeSchema,
  required: z.boolean(),
  helpText: z.string().nullable(),
  options: z.array(z.string()),
});
export type PaperworkQuestion = z.infer<typeof paperworkQuestionOutputSchema>;

const nameField = requiredText('name', 200);

/** How many days before its appointment a form shows in the portal when a template does not say. */
export const DEFAULT_SHOW_DAYS_BEFORE = 7;

/**
 * A setting of the template (not of a version): the portal shows the form from this many days
 * before its appointment. Absent on create: 7; absent on edit: unchanged.
 */
const showDaysBeforeField = z
  .number({ message: 'Enter a whole number of days.' })
  .int({ message: 'Enter a whole number of days.' })
  .min(0, { message: 'At least 0 days.' })
  .max(365, { message: 'At most 365 days.' })
  .optional();

const consentContent = {
  body: requiredText('consent text', 50_000),
  format: paperworkTextFormatSchema.default('plain'),
  /** The patient signs; on by default (a consent without a signature is an instruction). */
  requiresSignature: z.boolean().default(true),
  /** A staff witness signs after the patient. */
  requiresWitnessSignature: z.boolean().default(false),
};

const questionnaireContent = {
  description: z.string().max(5000).nullable().optional(),
  questions: z
    .array(paperworkQuestionSchema)
    .min(1, { message: 'Add at least one question.' })
    .max(100, { message: 'At most 100 questions.' })
    .refine(
      (questions) => {
        const ids = questions.flatMap((question) => (question.id ? [question.id] : []));
        return new Set(ids).size === ids.length;
      },
      { message: 'Each question id must be different.' },
    ),
};

const instructionsContent = {
  body: requiredText('instructions', 50_000),
  format: paperworkTextFormatSchema.default('markdown'),
};

export const createPaperworkTemplateRequestSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('consent'), name: nameField, showDaysBefore: showDaysBeforeField, ...consentContent }),
    z.strictObject({ kind: z.literal('questionnaire'), name: nameField, showDaysBefore: showDaysBeforeField, ...questionnaireContent }),
    z.strictObject({ kind: z.literal('instructions'), name: nameField, showDaysBefore: showDaysBeforeField, ...instructionsContent }),
  ],
  { error: () => ({ message: 'The kind must be consent, questionnaire or instructions.' }) },
);
export type CreatePaperworkTemplateRequest = z.input<typeof createPaperworkTemplateRequestSchema>;
export type CreatePaperworkTemplateInput = z.output<typeof createPaperworkTemplateRequestSchema>;

/** An edit: the whole new wording (a new version); the kind never changes, so it is repeated for checking. */
export const updatePaperworkTemplateRequestSchema = createPaperworkTemplateRequestSchema;
export type UpdatePaperworkTemplateRequest = CreatePaperworkTemplateRequest;

export const paperworkTemplateSummarySchema = z.object({
  id: idSchema,
  kind: paperworkKindSchema,
  name: z.string(),
  active: z.boolean(),
  /** The current version; every edit adds one. */
  version: z.number().int(),
  requiresSignature: z.boolean(),
  requiresWitnessSignature: z.boolean(),
  /** The portal shows the form from this many days before its appointment. */
  showDaysBefore: z.number().int(),
  questionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PaperworkTemplateSummary = z.infer<typeof paperworkTemplateSummarySchema>;

/** One version's content exactly as it was written. */
export const paperworkTemplateVersionSchema = z.object({
  templateId: idSchema,
  kind: paperworkKindSchema,
  version: z.number().int(),
  name: z.string(),
  /** Consent text or instructions; null for a questionnaire. */
  body: z.string().nullable(),
  format: paperworkTextFormatSchema.nullable(),
  /** A questionnaire's introduction. */
  description: z.string().nullable(),
  questions: z.array(paperworkQuestionOutputSchema),
  requiresSignature: z.boolean(),
  requiresWitnessSignature: z.boolean(),
  createdAt: z.string(),
  createdBy: idSchema.nullable(),
});
export type PaperworkTemplateVersion = z.infer<typeof paperworkTemplateVersionSchema>;

export const paperworkTemplateSchema = paperworkTemplateVersionSchema.extend({
  id: idSchema,
  active: z.boolean(),
  /** The portal shows the form from this many days before its appointment. */
  showDaysBefore: z.number().int(),
  updatedAt: z.string(),
  versions: z.array(z.object({ version: z.number().int(), name: z.string(), createdAt: z.string(), createdBy: idSchema.nullable() })),
});
export type PaperworkTemplate = z.infer<typeof paperworkTemplateSchema>;

export const paperworkTemplateListSchema = z.object({ items: z.array(paperworkTemplateSummarySchema) });

export const paperworkTemplateListQuerySchema = z.strictObject({
  kind: paperworkKindSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const paperworkTemplateParamsSchema = z.strictObject({ templateId: idSchema });
export const paperworkTemplateVersionParamsSchema = z.strictObject({
  templateId: idSchema,
  version: z.coerce.number().int().min(1).max(1_000_000),
});

export const servicePaperworkRequestSchema = z.strictObject({
  templateIds: z
    .array(idSchema)
    .max(50, { message: 'At most 50 forms per service.' })
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Each form may be attached once.' }),
});
export type ServicePaperworkRequest = z.infer<typeof servicePaperworkRequestSchema>;

export const servicePaperworkSchema = z.object({
  serviceId: idSchema,
  items: z.array(
    z.object({
      templateId: idSchema,
      kind: paperworkKindSchema,
      name: z.string(),
      active: z.boolean(),
      version: z.number().int(),
    }),
  ),
});
export type ServicePaperwork = z.infer<typeof servicePaperworkSchema>;

/**
 * Where a patient's form stands (the portal shows the first three as needing action):
 * - consent: `not_signed` → `witness_signature_required` (when a witness must sign) → `signed`;
 * - questionnaire: `not_filled` → `filled`;
 * - instructions: `not_viewed` → `viewed`.
 */
export const paperworkStatusSchema = z.enum([
  'not_signed',
  'witness_signature_required',
  'signed',
  'not_filled',
  'filled',
  'not_viewed',
  'viewed',
]);
export type PaperworkStatus = z.infer<typeof paperworkStatusSchema>;

export const paperworkStatusLabels: Record<PaperworkStatus, string> = {
  not_signed: 'Not Signed',
  witness_signature_required: 'Witness Signature Required',
  signed: 'Signed',
  not_filled: 'Not Filled',
  filled: 'Filled',
  not_viewed: 'Not Viewed',
  viewed: 'Viewed',
};

/** The status a new (or reset) assignment of each kind starts in. */
export const initialPaperworkStatus: Record<PaperworkKind, PaperworkStatus> = {
  consent: 'not_signed',
  questionnaire: 'not_filled',
  instructions: 'not_viewed',
};

/** Statuses in which the patient (or witness) still has something to do. */
export const outstandingPaperworkStatuses: readonly PaperworkStatus[] = [
  'not_signed',
  'witness_signature_required',
  'not_filled',
  'not_viewed',
];

export const paperworkAssignmentSchema = z.object({
  id: idSchema,
  appointmentId: idSchema,
  appointmentStart: z.string().nullable(),
  patientId: idSchema,
  templateId: idSchema,
  templateVersion: z.number().int(),
  kind: paperworkKindSchema,
  name: z.string(),
  status: paperworkStatusSchema,
  requiresSignature: z.boolean(),
  requiresWitnessSignature: z.boolean(),
  assignedAt: z.string(),
  statusChangedAt: z.string(),
  resetCount: z.number().int(),
  version: z.number().int(),
});
export type PaperworkAssignment = z.infer<typeof paperworkAssignmentSchema>;

/** One step in an assigned form's life, oldest first. */
export const paperworkAssignmentEventSchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorStaffId: idSchema.nullable(),
  /** `assigned`, `status_changed` (the patient or witness acted) or `reset`. */
  type: z.string(),
  fromStatus: paperworkStatusSchema.nullable(),
  toStatus: paperworkStatusSchema.nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type PaperworkAssignmentEvent = z.infer<typeof paperworkAssignmentEventSchema>;

/** One assigned form with its history (assigned, completed, reset). */
export const paperworkAssignmentDetailSchema = paperworkAssignmentSchema.extend({
  history: z.array(paperworkAssignmentEventSchema),
});
export type PaperworkAssignmentDetail = z.infer<typeof paperworkAssignmentDetailSchema>;

export const paperworkAssignmentListSchema = z.object({ items: z.array(paperworkAssignmentSchema) });

export const assignPaperworkResultSchema = paperworkAssignmentListSchema.extend({
  /** How many assignments this request created (0 when repeated). */
  created: z.number().int(),
});

export const paperworkAssignmentParamsSchema = z.strictObject({ assignmentId: idSchema });

export const resetPaperworkRequestSchema = z.strictObject({
  reason: z.string().trim().max(500).optional(),
});

/**
 * `GET /api/v1/patients/:patientId/signed-documents`: the client's signed consents (also those
 * waiting for a witness) and filled questionnaires, newest first, for the client profile.
 */
export const signedDocumentSchema = z.object({
  assignmentId: idSchema,
  appointmentId: idSchema,
  appointmentStart: z.string().nullable(),
  kind: z.enum(['consent', 'questionnaire']),
  name: z.string(),
  templateVersion: z.number().int(),
  status: paperworkStatusSchema,
  /** When the patient signed the consent or submitted the questionnaire. */
  signedAt: z.string(),
  /** The name the patient typed under their signature; null for a questionnaire (not signed). */
  signerName: z.string().nullable(),
  witness: z.discriminatedUnion('status', [
    z.object({ status: z.literal('not_required') }),
    z.object({ status: z.literal('awaiting') }),
    z.object({ status: z.literal('signed'), name: z.string(), signedAt: z.string() }),
  ]),
  /** A signed PDF to download (`GET /api/v1/paperwork-assignments/:assignmentId/pdf`): consents only. */
  hasPdf: z.boolean(),
});
export type SignedDocument = z.infer<typeof signedDocumentSchema>;

export const signedDocumentListSchema = z.object({ items: z.array(signedDocumentSchema) });

import { z } from 'zod';
import { idSchema } from './common.ts';
import { paperworkKindSchema, paperworkQuestionOutputSchema, paperworkStatusSchema, paperworkTextFormatSchema } from './paperwork.ts';

/**
 * One answer as the portal sends and stores it: text (short, long or a `YYYY-MM-DD` date),
 * yes/no, the chosen option of a single choice, the chosen options of a multiple choice;
 * null clears it.
 */
export const paperworkAnswerSchema = z.union([z.string().max(5000), z.boolean(), z.array(z.string().max(200)).max(50), z.null()]);
export type PaperworkAnswer = z.infer<typeof paperworkAnswerSchema>;

/** Answers by question id. */
export const paperworkAnswersSchema = z
  .record(z.string().max(40), paperworkAnswerSchema)
  .refine((answers) => Object.keys(answers).length <= 100, { message: 'At most 100 answers.' });
export type PaperworkAnswers = z.infer<typeof paperworkAnswersSchema>;

/**
 * Save a questionnaire's answers (save and come back): without `submit` the answers are a
 * draft that replaces the one saved before; with `submit` every required question must be
 * answered and the form becomes Filled (then it is locked until the practice resets it).
 */
export const savePaperworkAnswersRequestSchema = z.strictObject({
  answers: paperworkAnswersSchema,
  submit: z.boolean().default(false),
});
export type SavePaperworkAnswersRequest = z.input<typeof savePaperworkAnswersRequestSchema>;

/** Largest drawn signature accepted, as a data URL (about 190 KB of PNG). */
export const MAX_SIGNATURE_DATA_URL_LENGTH = 256_000;

/** A drawn signature: a PNG data URL as a signature pad's `toDataURL('image/png')` gives it. */
export const signatureDataUrlSchema = z
  .string({ message: 'Draw your signature.' })
  .max(MAX_SIGNATURE_DATA_URL_LENGTH, { message: 'The signature image is too large; clear it and sign again.' })
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, { message: 'The signature must be a PNG image (data:image/png;base64,…).' });

const typedNameSchema = z
  .string({ message: 'Type your full name.' })
  .trim()
  .min(1, { message: 'Type your full name.' })
  .max(200, { message: 'The name is at most 200 characters.' });

/** The patient signs a consent: the drawn signature and their typed name. */
export const signPaperworkRequestSchema = z.strictObject({
  signature: signatureDataUrlSchema,
  typedName: typedNameSchema,
});
export type SignPaperworkRequest = z.input<typeof signPaperworkRequestSchema>;

/** A staff member signs a consent as its witness: the drawn signature and their typed name. */
export const witnessPaperworkRequestSchema = signPaperworkRequestSchema;
export type WitnessPaperworkRequest = SignPaperworkRequest;

/** What a witness signature recorded. */
export const witnessPaperworkResultSchema = z.object({
  assignmentId: idSchema,
  signatureId: idSchema,
  signedAt: z.string(),
  /** SHA-256 (hex) of the PDF with both signatures. */
  documentSha256: z.string(),
});
export type WitnessPaperworkResult = z.infer<typeof witnessPaperworkResultSchema>;

/** One signature on a consent, without the image. */
export const paperworkSignatureSchema = z.object({
  role: z.enum(['patient', 'witness']),
  typedName: z.string(),
  signedAt: z.string(),
  templateVersion: z.number().int(),
  /** SHA-256 (hex) of the PDF produced when this signature was given. */
  documentSha256: z.string(),
});
export type PaperworkSignature = z.infer<typeof paperworkSignatureSchema>;

/** A form in the portal: what the patient reads, answers or signs, for which visit. */
export const portalPaperworkItemSchema = z.object({
  id: idSchema,
  kind: paperworkKindSchema,
  name: z.string(),
  status: paperworkStatusSchema,
  /** Not Signed, Signed, Not Filled, Filled, Witness Signature Required, … */
  statusLabel: z.string(),
  /** The patient still has something to do (Not Signed / Not Filled / Not Viewed). */
  needsAction: z.boolean(),
  templateVersion: z.number().int(),
  requiresSignature: z.boolean(),
  requiresWitnessSignature: z.boolean(),
  appointment: z.object({
    id: idSchema,
    startsAt: z.string(),
    timezone: z.string(),
    clinicName: z.string(),
    services: z.array(z.string()),
  }),
  /** The exact version's wording: consent or instructions text, or a questionnaire's questions. */
  content: z.object({
    body: z.string().nullable(),
    format: paperworkTextFormatSchema.nullable(),
    description: z.string().nullable(),
    questions: z.array(paperworkQuestionOutputSchema),
  }),
  /** The answers saved so far (a draft, or what was submitted). */
  answers: z.record(z.string(), paperworkAnswerSchema),
  answersSavedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  signatures: z.array(paperworkSignatureSchema),
  /** A signed PDF can be downloaded. */
  hasSignedDocument: z.boolean(),
});
export type PortalPaperworkItem = z.infer<typeof portalPaperworkItemSchema>;

/** The portal's Paperwork page: its Consents, Questionnaires and Instructions tabs, newest visit first. */
export const portalPaperworkListSchema = z.object({
  consents: z.array(portalPaperworkItemSchema),
  questionnaires: z.array(portalPaperworkItemSchema),
  instructions: z.array(portalPaperworkItemSchema),
  /** Forms that still need the patient (the Dashboard's badge). */
  needsActionCount: z.number().int(),
});
export type PortalPaperworkList = z.infer<typeof portalPaperworkListSchema>;

export const portalPaperworkParamsSchema = z.strictObject({ assignmentId: idSchema });

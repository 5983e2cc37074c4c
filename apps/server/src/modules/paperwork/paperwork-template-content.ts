import type { CreatePaperworkTemplateInput, PaperworkKind, PaperworkQuestion, PaperworkTextFormat } from '@glowdesk/contracts';
import { z } from 'zod';

/** A version's wording as stored in `paperwork_template_versions.content`. */
export type TemplateContent =
  | { kind: 'consent' | 'instructions'; format: PaperworkTextFormat; body: string }
  | { kind: 'questionnaire'; description: string | null; questions: PaperworkQuestion[] };

/** One version as written: what goes in a version row besides its keys. */
export interface TemplateWording {
  name: string;
  content: TemplateContent;
  requiresSignature: boolean;
  requiresWitnessSignature: boolean;
}

/** Gives every question without an id the next free `q<n>`, keeping ids staff chose. */
function withQuestionIds(questions: Extract<CreatePaperworkTemplateInput, { kind: 'questionnaire' }>['questions']): PaperworkQuestion[] {
  const used = new Set(questions.flatMap((question) => (question.id ? [question.id] : [])));
  let next = 1;
  return questions.map((question) => {
    let id = question.id;
    if (!id) {
      while (used.has(`q${next}`)) next += 1;
      id = `q${next}`;
      used.add(id);
    }
    const options =
      question.type === 'single_choice' || question.type === 'multiple_choice'
        ? (question.options ?? []).map((option) => option.trim())
        : [];
    return {
      id,
      label: question.label.trim(),
      type: question.type,
      required: question.required,
      helpText: question.helpText?.trim() || null,
      options,
    };
  });
}

/** The wording to store for a create or edit request (already validated by its zod schema). */
export function wordingOf(input: CreatePaperworkTemplateInput): TemplateWording {
  const name = input.name.trim();
  switch (input.kind) {
    case 'consent':
      return {
        name,
        content: { kind: 'consent', format: input.format, body: input.body },
        requiresSignature: input.requiresSignature,
        requiresWitnessSignature: input.requiresWitnessSignature,
      };
    case 'questionnaire':
      return {
        name,
        content: { kind: 'questionnaire', description: input.description?.trim() || null, questions: withQuestionIds(input.questions) },
        requiresSignature: false,
        requiresWitnessSignature: false,
      };
    case 'instructions':
      return {
        name,
        content: { kind: 'instructions', format: input.format, body: input.body },
        requiresSignature: false,
        requiresWitnessSignature: false,
      };
    default: {
      const unknown: never = input;
      throw new Error(`unknown paperwork kind ${JSON.stringify(unknown)}`);
    }
  }
}

/** True when two wordings would read the same to a patient (an edit that changes nothing adds no version). */
export function sameWording(a: TemplateWording, b: TemplateWording): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const storedQuestionSchema = z.object({
  id: z.string(),
  label: z.string(),
  type: z.enum(['short_text', 'long_text', 'yes_no', 'single_choice', 'multiple_choice', 'date']),
  required: z.boolean(),
  helpText: z.string().nullable(),
  options: z.array(z.string()),
});

const storedContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['consent', 'instructions']), format: z.enum(['plain', 'markdown']), body: z.string() }),
  z.object({ kind: z.literal('questionnaire'), description: z.string().nullable(), questions: z.array(storedQuestionSchema) }),
]);

/** Reads stored content back; throws when a row does not hold what this module wrote. */
export function parseStoredContent(kind: PaperworkKind, content: unknown): TemplateContent {
  const parsed = storedContentSchema.parse(content);
  if (parsed.kind !== kind) {
    throw new Error(`stored paperwork content of kind ${parsed.kind} does not match its template's kind ${kind}`);
  }
  return parsed;
}

export function questionCountOf(content: TemplateContent): number {
  return content.kind === 'questionnaire' ? content.questions.length : 0;
}

/** The fields of a version response that depend on the kind. */
export function contentFields(content: TemplateContent): {
  body: string | null;
  format: PaperworkTextFormat | null;
  description: string | null;
  questions: PaperworkQuestion[];
} {
  if (content.kind === 'questionnaire') return { body: null, format: null, description: content.description, questions: content.questions };
  return { body: content.body, format: content.format, description: null, questions: [] };
}

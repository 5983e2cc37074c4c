import {
  createPaperworkTemplateRequestSchema,
  DEFAULT_SHOW_DAYS_BEFORE,
  type CreatePaperworkTemplateRequest,
  type PaperworkKind,
  type PaperworkTemplate,
  type PaperworkTextFormat,
} from '@glowdesk/contracts';
import {
  hasQuestionErrors,
  newQuestionDraft,
  questionDraftsFrom,
  questionErrorsFromPaths,
  questionInputsOf,
  validateQuestions,
  type QuestionDraft,
  type QuestionErrors,
} from './question-builder.ts';

/** Everything the template form edits; only the fields of the chosen kind are sent. */
export interface TemplateFormValues {
  kind: PaperworkKind;
  name: string;
  /** Consent text or instructions. */
  body: string;
  format: PaperworkTextFormat;
  requiresSignature: boolean;
  requiresWitnessSignature: boolean;
  /** A questionnaire's introduction. */
  description: string;
  questions: QuestionDraft[];
  /** The portal shows the form from this many days before its appointment; '' while the field is empty. */
  showDaysBefore: number | '';
}

/** Errors are keyed by the API's field names, so the server's messages land on the same inputs. */
export const templateFormFields = [
  'kind',
  'name',
  'body',
  'format',
  'requiresSignature',
  'requiresWitnessSignature',
  'description',
  'questions',
  'showDaysBefore',
] as const;
export type TemplateFormField = (typeof templateFormFields)[number];
export type TemplateFieldErrors = Partial<Record<TemplateFormField, string>>;

const limits = { name: 200, body: 50_000, description: 5000 } as const;

/** Consent text reads best as typed; instructions usually want headings and lists. */
const defaultFormat: Record<PaperworkKind, PaperworkTextFormat> = {
  consent: 'plain',
  questionnaire: 'plain',
  instructions: 'markdown',
};

export function newTemplateValues(kind: PaperworkKind): TemplateFormValues {
  return {
    kind,
    name: '',
    body: '',
    format: defaultFormat[kind],
    requiresSignature: true,
    requiresWitnessSignature: false,
    description: '',
    questions: kind === 'questionnaire' ? [newQuestionDraft('yes_no')] : [],
    showDaysBefore: DEFAULT_SHOW_DAYS_BEFORE,
  };
}

/** The form for editing a template, starting from its current version. */
export function templateFormValues(template: PaperworkTemplate): TemplateFormValues {
  return {
    kind: template.kind,
    name: template.name,
    body: template.body ?? '',
    format: template.format ?? defaultFormat[template.kind],
    requiresSignature: template.kind === 'consent' ? template.requiresSignature : true,
    requiresWitnessSignature: template.requiresWitnessSignature,
    description: template.description ?? '',
    questions: questionDraftsFrom(template.questions),
    showDaysBefore: template.showDaysBefore,
  };
}

/** Switching the kind of a new template keeps the name and anything typed for the other kinds. */
export function withKind(values: TemplateFormValues, kind: PaperworkKind): TemplateFormValues {
  const changedFormat = values.body.trim() === '' ? defaultFormat[kind] : values.format;
  return {
    ...values,
    kind,
    format: changedFormat,
    questions: kind === 'questionnaire' && values.questions.length === 0 ? [newQuestionDraft('yes_no')] : values.questions,
  };
}

/** A witness signs after the patient, so a witness signature needs the patient's signature too. */
export function withSignatureRules(
  values: TemplateFormValues,
  changes: Partial<Pick<TemplateFormValues, 'requiresSignature' | 'requiresWitnessSignature'>>,
): TemplateFormValues {
  const next = { ...values, ...changes };
  if (changes.requiresWitnessSignature) next.requiresSignature = true;
  if (changes.requiresSignature === false) next.requiresWitnessSignature = false;
  return next;
}

function requestOf(values: TemplateFormValues): CreatePaperworkTemplateRequest {
  const name = values.name.trim();
  const showDaysBefore = values.showDaysBefore === '' ? undefined : values.showDaysBefore;
  switch (values.kind) {
    case 'consent':
      return {
        kind: 'consent',
        name,
        showDaysBefore,
        body: values.body,
        format: values.format,
        requiresSignature: values.requiresSignature,
        requiresWitnessSignature: values.requiresWitnessSignature,
      };
    case 'questionnaire': {
      const description = values.description.trim();
      return {
        kind: 'questionnaire',
        name,
        showDaysBefore,
        description: description === '' ? null : description,
        questions: questionInputsOf(values.questions),
      };
    }
    case 'instructions':
      return { kind: 'instructions', name, showDaysBefore, body: values.body, format: values.format };
  }
}

function textProblem(text: string, empty: string, max: number, tooLong: string): string | undefined {
  if (text.trim() === '') return empty;
  return text.length > max ? tooLong : undefined;
}

export type ReadTemplateResult =
  { request: CreatePaperworkTemplateRequest } | { errors: TemplateFieldErrors; questionErrors: QuestionErrors };

/** The request to save, or what to fix, each message on the field (or question) at fault. */
export function readTemplateForm(values: TemplateFormValues): ReadTemplateResult {
  const errors: TemplateFieldErrors = {};
  const nameProblem = textProblem(values.name, 'Enter the form’s name.', limits.name, `The name is at most ${limits.name} characters.`);
  if (nameProblem) errors.name = nameProblem;
  let questionErrors: QuestionErrors = { questions: {} };
  if (values.kind === 'questionnaire') {
    if (values.description.trim().length > limits.description) {
      errors.description = `The introduction is at most ${limits.description} characters.`;
    }
    questionErrors = validateQuestions(values.questions);
    if (questionErrors.list) errors.questions = questionErrors.list;
  } else {
    const [empty, tooLong] =
      values.kind === 'consent'
        ? ['Enter the consent text.', `The consent text is at most ${limits.body} characters.`]
        : ['Enter the instructions.', `The instructions are at most ${limits.body} characters.`];
    const bodyProblem = textProblem(values.body, empty, limits.body, tooLong);
    if (bodyProblem) errors.body = bodyProblem;
  }
  if (values.showDaysBefore === '') errors.showDaysBefore = 'Enter how many days before the appointment the form shows.';
  if (values.kind === 'consent' && values.requiresWitnessSignature && !values.requiresSignature) {
    errors.requiresWitnessSignature = 'A witness signs after the patient: turn on the patient’s signature too.';
  }
  if (Object.keys(errors).length > 0 || hasQuestionErrors(questionErrors)) return { errors, questionErrors };

  // The shared schema has the last word, so nothing the server would refuse is sent.
  const request = requestOf(values);
  const checked = createPaperworkTemplateRequestSchema.safeParse(request);
  if (checked.success) return { request };
  const issues = checked.error.issues.map((issue) => ({
    path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
    message: issue.message,
  }));
  const schemaErrors: TemplateFieldErrors = {};
  for (const issue of issues) {
    const field = templateFormFields.find((known) => known === issue.path[0]);
    if (field && field !== 'questions' && schemaErrors[field] === undefined) schemaErrors[field] = issue.message;
  }
  const schemaQuestionErrors = questionErrorsFromPaths(issues, values.questions);
  if (schemaQuestionErrors.list) schemaErrors.questions = schemaQuestionErrors.list;
  if (Object.keys(schemaErrors).length === 0 && !hasQuestionErrors(schemaQuestionErrors)) {
    schemaErrors.name = issues[0]?.message ?? 'Check the form.';
  }
  return { errors: schemaErrors, questionErrors: schemaQuestionErrors };
}

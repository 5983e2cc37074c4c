import { questionTypeLabels, type PaperworkQuestion, type PaperworkQuestionInput, type QuestionType } from '@glowdesk/contracts';

/** The limits the server enforces (packages/contracts/src/paperwork.ts), checked here first. */
export const questionLimits = {
  questions: 100,
  label: 500,
  helpText: 1000,
  options: 50,
  option: 200,
} as const;

export interface OptionDraft {
  /** Identifies the row while editing; never sent. */
  key: string;
  text: string;
}

/** One question as the builder edits it. */
export interface QuestionDraft {
  /** Identifies the row while editing (React key, error placement); never sent. */
  key: string;
  /**
   * The id a saved question keeps across versions, so answers to "the same question" can be
   * compared; null for a question added now (the server names it q1, q2 …).
   */
  id: string | null;
  label: string;
  type: QuestionType;
  required: boolean;
  helpText: string;
  /** Only single and multiple choice questions have options. */
  options: OptionDraft[];
}

export interface QuestionProblems {
  label?: string;
  helpText?: string;
  /** About the options as a whole: too few, too many, repeated. */
  options?: string;
  /** About one option, by its key. */
  option?: Record<string, string>;
}

export interface QuestionErrors {
  /** About the list as a whole: none, or too many. */
  list?: string;
  /** By question key. */
  questions: Record<string, QuestionProblems>;
}

export const noQuestionErrors: QuestionErrors = { questions: {} };

export const questionTypeOptions = (Object.keys(questionTypeLabels) as QuestionType[]).map((type) => ({
  value: type,
  label: questionTypeLabels[type],
}));

let lastKey = 0;
function nextKey(prefix: string): string {
  lastKey += 1;
  return `${prefix}${lastKey}`;
}

export function isChoiceType(type: QuestionType): boolean {
  return type === 'single_choice' || type === 'multiple_choice';
}

function emptyOption(): OptionDraft {
  return { key: nextKey('o'), text: '' };
}

export function newQuestionDraft(type: QuestionType = 'short_text'): QuestionDraft {
  return {
    key: nextKey('q'),
    id: null,
    label: '',
    type,
    required: false,
    helpText: '',
    options: isChoiceType(type) ? [emptyOption(), emptyOption()] : [],
  };
}

/** The builder's rows for a saved version's questions. */
export function questionDraftsFrom(questions: readonly PaperworkQuestion[]): QuestionDraft[] {
  return questions.map((question) => ({
    key: nextKey('q'),
    id: question.id,
    label: question.label,
    type: question.type,
    required: question.required,
    helpText: question.helpText ?? '',
    options: question.options.map((text) => ({ key: nextKey('o'), text })),
  }));
}

function mapQuestion(drafts: readonly QuestionDraft[], key: string, change: (draft: QuestionDraft) => QuestionDraft): QuestionDraft[] {
  return drafts.map((draft) => (draft.key === key ? change(draft) : draft));
}

export function addQuestion(drafts: readonly QuestionDraft[], type: QuestionType = 'short_text'): QuestionDraft[] {
  return [...drafts, newQuestionDraft(type)];
}

export function removeQuestion(drafts: readonly QuestionDraft[], key: string): QuestionDraft[] {
  return drafts.filter((draft) => draft.key !== key);
}

/** Moves a question one place up (-1) or down (+1); a move past either end changes nothing. */
export function moveQuestion(drafts: readonly QuestionDraft[], key: string, offset: -1 | 1): QuestionDraft[] {
  const from = drafts.findIndex((draft) => draft.key === key);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= drafts.length) return [...drafts];
  const moved = [...drafts];
  const [question] = moved.splice(from, 1);
  if (question) moved.splice(to, 0, question);
  return moved;
}

export function updateQuestion(
  drafts: readonly QuestionDraft[],
  key: string,
  changes: Partial<Pick<QuestionDraft, 'label' | 'required' | 'helpText'>>,
): QuestionDraft[] {
  return mapQuestion(drafts, key, (draft) => ({ ...draft, ...changes }));
}

/**
 * Changes a question's type. A choice question keeps the options it has (at least two rows
 * to fill in); any other type has none.
 */
export function changeQuestionType(drafts: readonly QuestionDraft[], key: string, type: QuestionType): QuestionDraft[] {
  return mapQuestion(drafts, key, (draft) => {
    if (!isChoiceType(type)) return { ...draft, type, options: [] };
    const options = [...draft.options];
    while (options.length < 2) options.push(emptyOption());
    return { ...draft, type, options };
  });
}

export function addOption(drafts: readonly QuestionDraft[], key: string): QuestionDraft[] {
  return mapQuestion(drafts, key, (draft) => ({ ...draft, options: [...draft.options, emptyOption()] }));
}

export function updateOption(drafts: readonly QuestionDraft[], key: string, optionKey: string, text: string): QuestionDraft[] {
  return mapQuestion(drafts, key, (draft) => ({
    ...draft,
    options: draft.options.map((option) => (option.key === optionKey ? { ...option, text } : option)),
  }));
}

export function removeOption(drafts: readonly QuestionDraft[], key: string, optionKey: string): QuestionDraft[] {
  return mapQuestion(drafts, key, (draft) => ({ ...draft, options: draft.options.filter((option) => option.key !== optionKey) }));
}

function problemsOf(draft: QuestionDraft, position: number): QuestionProblems {
  const problems: QuestionProblems = {};
  const label = draft.label.trim();
  if (label === '') problems.label = `Enter the wording of question ${position}.`;
  else if (label.length > questionLimits.label) problems.label = `Question ${position} is at most ${questionLimits.label} characters.`;
  if (draft.helpText.trim().length > questionLimits.helpText)
    problems.helpText = `The help text is at most ${questionLimits.helpText} characters.`;
  if (!isChoiceType(draft.type)) return problems;

  const option: Record<string, string> = {};
  const seen = new Map<string, number>();
  draft.options.forEach((candidate, index) => {
    const text = candidate.text.trim();
    if (text === '') option[candidate.key] = `Enter option ${index + 1}, or remove it.`;
    else if (text.length > questionLimits.option)
      option[candidate.key] = `Option ${index + 1} is at most ${questionLimits.option} characters.`;
    else {
      const normalized = text.toLowerCase();
      const first = seen.get(normalized);
      if (first !== undefined) option[candidate.key] = `Same as option ${first + 1}: each option must be different.`;
      else seen.set(normalized, index);
    }
  });
  if (Object.keys(option).length > 0) problems.option = option;
  if (draft.options.length < 2) problems.options = 'A choice question needs at least two options.';
  else if (draft.options.length > questionLimits.options) problems.options = `A question has at most ${questionLimits.options} options.`;
  return problems;
}

/** What stops the questions being saved, placed on the question (and option) at fault. */
export function validateQuestions(drafts: readonly QuestionDraft[]): QuestionErrors {
  const errors: QuestionErrors = { questions: {} };
  if (drafts.length === 0) errors.list = 'Add at least one question.';
  else if (drafts.length > questionLimits.questions) errors.list = `A questionnaire has at most ${questionLimits.questions} questions.`;
  drafts.forEach((draft, index) => {
    const problems = problemsOf(draft, index + 1);
    if (Object.keys(problems).length > 0) errors.questions[draft.key] = problems;
  });
  return errors;
}

export function hasQuestionErrors(errors: QuestionErrors): boolean {
  return errors.list !== undefined || Object.keys(errors.questions).length > 0;
}

/** The questions as the API takes them: trimmed, saved ids kept, options only on choice questions. */
export function questionInputsOf(drafts: readonly QuestionDraft[]): PaperworkQuestionInput[] {
  return drafts.map((draft) => {
    const helpText = draft.helpText.trim();
    return {
      ...(draft.id ? { id: draft.id } : {}),
      label: draft.label.trim(),
      type: draft.type,
      required: draft.required,
      helpText: helpText === '' ? null : helpText,
      ...(isChoiceType(draft.type) ? { options: draft.options.map((option) => option.text.trim()) } : {}),
    };
  });
}

/**
 * Places messages about `questions[2].label` or `questions[0].options[1]` (the server's or the
 * schema's paths) on the question and option they name; anything else about the questions goes
 * on the list.
 */
export function questionErrorsFromPaths(
  problems: readonly { path: readonly (string | number)[]; message: string }[],
  drafts: readonly QuestionDraft[],
): QuestionErrors {
  const errors: QuestionErrors = { questions: {} };
  for (const { path, message } of problems) {
    if (path[0] !== 'questions') continue;
    const draft = typeof path[1] === 'number' ? drafts[path[1]] : undefined;
    if (!draft) {
      errors.list ??= message;
      continue;
    }
    const current = (errors.questions[draft.key] ??= {});
    const field = path[2];
    if (field === 'options' && typeof path[3] === 'number') {
      const option = draft.options[path[3]];
      if (option) current.option = { ...current.option, [option.key]: message };
      else current.options ??= message;
    } else if (field === 'options') current.options ??= message;
    else if (field === 'helpText') current.helpText ??= message;
    else current.label ??= message;
  }
  return errors;
}

/** `questions[2].options[1]` → ['questions', 2, 'options', 1]. */
export function pathOfField(field: string): (string | number)[] {
  return field
    .split(/[.[\]]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

import type { PaperworkAnswer, PaperworkAnswers, PaperworkQuestion } from '@glowdesk/contracts';
import type { FieldProblem } from '../../platform/errors.ts';

const MAX_SHORT_TEXT = 500;
const MAX_LONG_TEXT = 5000;

function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text && text >= '1900-01-01' && text < '2200-01-01';
}

/** True when an answer holds something (an empty text or an empty choice list is no answer). */
function isAnswered(answer: PaperworkAnswer | undefined): boolean {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  if (Array.isArray(answer)) return answer.length > 0;
  return true;
}

/** What is wrong with one answer to its question, or undefined. */
function answerProblem(question: PaperworkQuestion, answer: PaperworkAnswer): string | undefined {
  if (answer === null) return undefined;
  switch (question.type) {
    case 'short_text':
    case 'long_text': {
      const max = question.type === 'short_text' ? MAX_SHORT_TEXT : MAX_LONG_TEXT;
      if (typeof answer !== 'string') return 'Answer with text.';
      return answer.length > max ? `At most ${max} characters.` : undefined;
    }
    case 'yes_no':
      return typeof answer === 'boolean' ? undefined : 'Answer yes or no (true or false).';
    case 'date':
      if (typeof answer !== 'string') return 'Answer with a date (YYYY-MM-DD).';
      return answer === '' || isValidDate(answer) ? undefined : 'Answer with a date (YYYY-MM-DD) in the years 1900 to 2199.';
    case 'single_choice':
      if (typeof answer !== 'string') return 'Choose one of the options.';
      return answer === '' || question.options.includes(answer) ? undefined : `Choose one of: ${question.options.join(', ')}.`;
    case 'multiple_choice': {
      if (!Array.isArray(answer)) return 'Choose any of the options (a list).';
      const unknown = answer.find((choice) => !question.options.includes(choice));
      if (unknown !== undefined) return `“${unknown}” is not one of the options: ${question.options.join(', ')}.`;
      return new Set(answer).size === answer.length ? undefined : 'Choose each option once.';
    }
    default: {
      const never: never = question.type;
      throw new Error(`unknown question type ${String(never)}`);
    }
  }
}

/**
 * Checks answers against a version's questions: each answer must fit its question (an unknown
 * question id is a problem too). With `submit`, every required question must be answered.
 * Returns the answers to store (cleared answers dropped) or the problems, each naming
 * `answers.<questionId>`.
 */
export function checkAnswers(
  questions: readonly PaperworkQuestion[],
  answers: PaperworkAnswers,
  options: { submit: boolean },
): { answers: PaperworkAnswers; problems: [] } | { problems: FieldProblem[] } {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const problems: FieldProblem[] = [];
  for (const [questionId, answer] of Object.entries(answers)) {
    const question = byId.get(questionId);
    if (!question) {
      problems.push({ field: `answers.${questionId}`, message: 'This form has no such question.', code: 'unknown_question' });
      continue;
    }
    const problem = answerProblem(question, answer);
    if (problem) problems.push({ field: `answers.${questionId}`, message: problem, code: 'invalid_answer' });
  }
  if (options.submit) {
    for (const question of questions) {
      if (question.required && !isAnswered(answers[question.id])) {
        problems.push({ field: `answers.${question.id}`, message: `Answer “${question.label}”: it is required.`, code: 'answer_required' });
      }
    }
  }
  if (problems.length > 0) return { problems };
  const kept: PaperworkAnswers = {};
  for (const question of questions) {
    const answer = answers[question.id];
    if (answer !== undefined && isAnswered(answer)) kept[question.id] = answer;
  }
  return { answers: kept, problems: [] };
}

import type { PaperworkQuestion } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { checkAnswers } from './questionnaire-answers.ts';

const question = (fields: Partial<PaperworkQuestion> & Pick<PaperworkQuestion, 'id' | 'type'>): PaperworkQuestion => ({
  label: `Question ${fields.id}`,
  required: false,
  helpText: null,
  options: [],
  ...fields,
});

const questions: PaperworkQuestion[] = [
  question({ id: 'pregnant', type: 'yes_no', required: true, label: 'Are you pregnant?' }),
  question({ id: 'skin', type: 'single_choice', options: ['I', 'II', 'III'] }),
  question({ id: 'allergies', type: 'multiple_choice', options: ['Latex', 'Lidocaine'] }),
  question({ id: 'last', type: 'date' }),
  question({ id: 'name', type: 'short_text', required: true, label: 'Preferred name' }),
  question({ id: 'notes', type: 'long_text' }),
];

describe('questionnaire answers', () => {
  it('keeps a partial draft, dropping cleared answers', () => {
    expect(checkAnswers(questions, { skin: 'II', notes: '', allergies: [], last: null }, { submit: false })).toEqual({
      answers: { skin: 'II' },
      problems: [],
    });
  });

  it('names every required question left unanswered on submit; "no" is an answer', () => {
    const result = checkAnswers(questions, { pregnant: false, name: '   ' }, { submit: true });
    expect(result.problems).toEqual([
      { field: 'answers.name', code: 'answer_required', message: 'Answer “Preferred name”: it is required.' },
    ]);
    expect(checkAnswers(questions, { pregnant: false, name: 'Ro' }, { submit: true })).toEqual({
      answers: { pregnant: false, name: 'Ro' },
      problems: [],
    });
  });

  it('refuses answers that do not fit their question, and questions the version does not have', () => {
    const result = checkAnswers(
      questions,
      {
        pregnant: 'yes',
        skin: 'IV',
        allergies: ['Latex', 'Latex'],
        last: '2026-02-30',
        name: 'x'.repeat(501),
        notes: ['a'],
        extra: 'hello',
      },
      { submit: false },
    );
    expect(result.problems.map((problem) => [problem.field, problem.code])).toEqual([
      ['answers.pregnant', 'invalid_answer'],
      ['answers.skin', 'invalid_answer'],
      ['answers.allergies', 'invalid_answer'],
      ['answers.last', 'invalid_answer'],
      ['answers.name', 'invalid_answer'],
      ['answers.notes', 'invalid_answer'],
      ['answers.extra', 'unknown_question'],
    ]);
  });

  it('accepts a real date and known choices', () => {
    expect(checkAnswers(questions, { last: '2024-02-29', allergies: ['Lidocaine', 'Latex'] }, { submit: false }).problems).toEqual([]);
  });
});

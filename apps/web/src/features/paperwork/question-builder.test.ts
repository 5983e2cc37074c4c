import { describe, expect, it } from 'vitest';
import {
  addOption,
  addQuestion,
  changeQuestionType,
  hasQuestionErrors,
  moveQuestion,
  newQuestionDraft,
  pathOfField,
  questionDraftsFrom,
  questionErrorsFromPaths,
  questionInputsOf,
  removeOption,
  removeQuestion,
  updateOption,
  updateQuestion,
  validateQuestions,
  type QuestionDraft,
} from './question-builder.ts';

function labelled(drafts: QuestionDraft[]): string[] {
  return drafts.map((draft) => draft.label);
}

function threeQuestions(): QuestionDraft[] {
  let drafts: QuestionDraft[] = [];
  for (const label of ['First', 'Second', 'Third']) {
    drafts = addQuestion(drafts);
    const added = drafts.at(-1);
    if (added) drafts = updateQuestion(drafts, added.key, { label });
  }
  return drafts;
}

describe('the question builder', () => {
  it('adds a choice question with two empty options to fill in, and other types with none', () => {
    const choice = newQuestionDraft('multiple_choice');
    expect(choice.options.map((option) => option.text)).toEqual(['', '']);
    expect(newQuestionDraft('yes_no').options).toEqual([]);
    expect(choice.id).toBeNull();
    expect(new Set([choice.key, ...choice.options.map((option) => option.key)]).size).toBe(3);
  });

  it('moves a question up and down, and a move past either end changes nothing', () => {
    const drafts = threeQuestions();
    const [first, second, third] = drafts;
    if (!first || !second || !third) throw new Error('three questions expected');
    expect(labelled(moveQuestion(drafts, third.key, -1))).toEqual(['First', 'Third', 'Second']);
    expect(labelled(moveQuestion(drafts, first.key, 1))).toEqual(['Second', 'First', 'Third']);
    expect(labelled(moveQuestion(drafts, first.key, -1))).toEqual(['First', 'Second', 'Third']);
    expect(labelled(moveQuestion(drafts, third.key, 1))).toEqual(['First', 'Second', 'Third']);
  });

  it('removes the question asked for and keeps the others in order', () => {
    const drafts = threeQuestions();
    expect(labelled(removeQuestion(drafts, drafts[1]?.key ?? ''))).toEqual(['First', 'Third']);
  });

  it('keeps typed options when a choice question switches between single and multiple choice, and drops them for other types', () => {
    let drafts = [newQuestionDraft('single_choice')];
    const key = drafts[0]?.key ?? '';
    const [optionA, optionB] = drafts[0]?.options ?? [];
    drafts = updateOption(drafts, key, optionA?.key ?? '', 'Latex');
    drafts = updateOption(drafts, key, optionB?.key ?? '', 'Lidocaine');
    drafts = changeQuestionType(drafts, key, 'multiple_choice');
    expect(drafts[0]?.options.map((option) => option.text)).toEqual(['Latex', 'Lidocaine']);
    drafts = changeQuestionType(drafts, key, 'date');
    expect(drafts[0]?.options).toEqual([]);
    drafts = changeQuestionType(drafts, key, 'single_choice');
    expect(drafts[0]?.options.map((option) => option.text)).toEqual(['', '']);
  });

  it('adds and removes options of one question only', () => {
    let drafts = [newQuestionDraft('multiple_choice'), newQuestionDraft('multiple_choice')];
    const [first, second] = drafts;
    drafts = addOption(drafts, first?.key ?? '');
    expect(drafts[0]?.options).toHaveLength(3);
    expect(drafts[1]?.options).toHaveLength(2);
    drafts = removeOption(drafts, second?.key ?? '', second?.options[0]?.key ?? '');
    expect(drafts[1]?.options).toHaveLength(1);
  });
});

describe('validating questions', () => {
  it('asks for at least one question', () => {
    const errors = validateQuestions([]);
    expect(errors.list).toBe('Add at least one question.');
    expect(hasQuestionErrors(errors)).toBe(true);
  });

  it('names the question without wording by its position', () => {
    const drafts = [newQuestionDraft('yes_no'), newQuestionDraft('short_text')];
    const withFirst = updateQuestion(drafts, drafts[0]?.key ?? '', { label: 'Are you pregnant?' });
    const errors = validateQuestions(withFirst);
    expect(errors.questions[drafts[0]?.key ?? '']).toBeUndefined();
    expect(errors.questions[drafts[1]?.key ?? '']?.label).toBe('Enter the wording of question 2.');
  });

  it('places empty and repeated options on the option at fault, ignoring case and spaces', () => {
    let drafts = [newQuestionDraft('multiple_choice')];
    const key = drafts[0]?.key ?? '';
    drafts = updateQuestion(drafts, key, { label: 'Allergies' });
    drafts = addOption(drafts, key);
    const [a, b, c] = drafts[0]?.options ?? [];
    drafts = updateOption(drafts, key, a?.key ?? '', 'Latex');
    drafts = updateOption(drafts, key, b?.key ?? '', ' latex ');
    const problems = validateQuestions(drafts).questions[key];
    expect(problems?.option?.[b?.key ?? '']).toBe('Same as option 1: each option must be different.');
    expect(problems?.option?.[c?.key ?? '']).toBe('Enter option 3, or remove it.');
    expect(problems?.option?.[a?.key ?? '']).toBeUndefined();
  });

  it('asks a choice question for at least two options', () => {
    let drafts = [newQuestionDraft('single_choice')];
    const key = drafts[0]?.key ?? '';
    drafts = updateQuestion(drafts, key, { label: 'Skin type' });
    drafts = removeOption(drafts, key, drafts[0]?.options[1]?.key ?? '');
    drafts = updateOption(drafts, key, drafts[0]?.options[0]?.key ?? '', 'Dry');
    expect(validateQuestions(drafts).questions[key]?.options).toBe('A choice question needs at least two options.');
  });

  it('accepts a complete questionnaire', () => {
    let drafts = [newQuestionDraft('yes_no'), newQuestionDraft('multiple_choice')];
    const [yesNo, choice] = drafts;
    drafts = updateQuestion(drafts, yesNo?.key ?? '', { label: 'Are you pregnant?', required: true });
    drafts = updateQuestion(drafts, choice?.key ?? '', { label: 'Allergies' });
    drafts = updateOption(drafts, choice?.key ?? '', choice?.options[0]?.key ?? '', 'Latex');
    drafts = updateOption(drafts, choice?.key ?? '', choice?.options[1]?.key ?? '', 'Lidocaine');
    expect(hasQuestionErrors(validateQuestions(drafts))).toBe(false);
  });
});

describe('questions sent to the API', () => {
  it('trims the wording, keeps saved ids, sends options only for choice questions and blank help as null', () => {
    const saved = questionDraftsFrom([
      { id: 'allergies', label: 'Allergies', type: 'multiple_choice', required: false, helpText: null, options: ['Latex', 'Lidocaine'] },
    ]);
    const drafts = [...saved, newQuestionDraft('date')];
    const added = drafts[1]?.key ?? '';
    const edited = updateQuestion(drafts, added, { label: '  Last treatment  ', helpText: '   ', required: true });
    expect(questionInputsOf(edited)).toEqual([
      { id: 'allergies', label: 'Allergies', type: 'multiple_choice', required: false, helpText: null, options: ['Latex', 'Lidocaine'] },
      { label: 'Last treatment', type: 'date', required: true, helpText: null },
    ]);
  });

  it('places the server’s messages on the question and option its path names', () => {
    const drafts = [newQuestionDraft('short_text'), newQuestionDraft('single_choice')];
    const errors = questionErrorsFromPaths(
      [
        { path: pathOfField('questions[0].label'), message: 'The question cannot be empty.' },
        { path: pathOfField('questions[1].options[1]'), message: 'The option cannot be empty.' },
        { path: pathOfField('questions'), message: 'Each question id must be different.' },
      ],
      drafts,
    );
    expect(errors.questions[drafts[0]?.key ?? '']?.label).toBe('The question cannot be empty.');
    expect(errors.questions[drafts[1]?.key ?? '']?.option?.[drafts[1]?.options[1]?.key ?? '']).toBe('The option cannot be empty.');
    expect(errors.list).toBe('Each question id must be different.');
  });
});

import type { PaperworkTemplate } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { newQuestionDraft, updateOption, updateQuestion } from './question-builder.ts';
import { newTemplateValues, readTemplateForm, templateFormValues, withKind, withSignatureRules } from './template-form-values.ts';

const consent: PaperworkTemplate = {
  id: '00000000-0000-4000-8000-000000000031',
  templateId: '00000000-0000-4000-8000-000000000031',
  kind: 'consent',
  version: 2,
  name: 'Botox consent',
  body: 'I understand the risks.',
  format: 'plain',
  description: null,
  questions: [],
  requiresSignature: true,
  requiresWitnessSignature: true,
  showDaysBefore: 3,
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: null,
  updatedAt: '2026-01-02T00:00:00Z',
  versions: [],
};

describe('the template form', () => {
  it('starts a questionnaire with one yes/no question and instructions as formatted text', () => {
    expect(newTemplateValues('questionnaire').questions.map((question) => question.type)).toEqual(['yes_no']);
    expect(newTemplateValues('instructions').format).toBe('markdown');
    expect(newTemplateValues('consent')).toMatchObject({ format: 'plain', requiresSignature: true, requiresWitnessSignature: false });
  });

  it('keeps what was typed when a new form changes kind', () => {
    const typed = { ...newTemplateValues('consent'), name: 'Laser prep', body: 'No sun for two weeks.' };
    expect(withKind(typed, 'instructions')).toMatchObject({ kind: 'instructions', name: 'Laser prep', body: 'No sun for two weeks.' });
  });

  it('turns the patient’s signature on with a witness, and the witness off without a signature', () => {
    const values = newTemplateValues('consent');
    const unsigned = withSignatureRules({ ...values, requiresWitnessSignature: true }, { requiresSignature: false });
    expect(unsigned).toMatchObject({ requiresSignature: false, requiresWitnessSignature: false });
    expect(withSignatureRules(unsigned, { requiresWitnessSignature: true })).toMatchObject({
      requiresSignature: true,
      requiresWitnessSignature: true,
    });
  });

  it('names the empty fields of a consent', () => {
    const result = readTemplateForm({ ...newTemplateValues('consent'), name: '  ', body: '\n' });
    expect(result).toEqual({
      errors: { name: 'Enter the form’s name.', body: 'Enter the consent text.' },
      questionErrors: { questions: {} },
    });
  });

  it('sends only the fields of the chosen kind', () => {
    const values = { ...newTemplateValues('consent'), name: ' Filler consent ', body: 'Text.', description: 'ignored' };
    expect(readTemplateForm(withSignatureRules(values, { requiresWitnessSignature: true }))).toEqual({
      request: {
        kind: 'consent',
        name: 'Filler consent',
        showDaysBefore: 7,
        body: 'Text.',
        format: 'plain',
        requiresSignature: true,
        requiresWitnessSignature: true,
      },
    });
  });

  it('refuses a questionnaire until each question is worded', () => {
    const values = { ...newTemplateValues('questionnaire'), name: 'Medical history' };
    const result = readTemplateForm(values);
    const key = values.questions[0]?.key ?? '';
    expect('errors' in result && result.questionErrors.questions[key]?.label).toBe('Enter the wording of question 1.');

    const worded = { ...values, questions: updateQuestion(values.questions, key, { label: 'Are you pregnant?', required: true }) };
    expect(readTemplateForm(worded)).toEqual({
      request: {
        kind: 'questionnaire',
        showDaysBefore: 7,
        name: 'Medical history',
        description: null,
        questions: [{ label: 'Are you pregnant?', type: 'yes_no', required: true, helpText: null }],
      },
    });
  });

  it('places a choice question’s missing option on that option', () => {
    const question = newQuestionDraft('single_choice');
    const [first, second] = question.options;
    let questions = updateQuestion([question], question.key, { label: 'Skin type' });
    questions = updateOption(questions, question.key, first?.key ?? '', 'Dry');
    const result = readTemplateForm({ ...newTemplateValues('questionnaire'), name: 'Skin', questions });
    expect('errors' in result && result.questionErrors.questions[question.key]?.option).toEqual({
      [second?.key ?? '']: 'Enter option 2, or remove it.',
    });
  });

  it('edits a template from its current version', () => {
    expect(templateFormValues(consent)).toMatchObject({
      kind: 'consent',
      name: 'Botox consent',
      body: 'I understand the risks.',
      requiresWitnessSignature: true,
      showDaysBefore: 3,
    });
  });

  it('sends how many days before the appointment the form shows, and asks for it when the field is emptied', () => {
    const values = { ...newTemplateValues('instructions'), name: 'Before your peel', body: 'No retinol.', showDaysBefore: 2 };
    expect(readTemplateForm(values)).toMatchObject({ request: { kind: 'instructions', showDaysBefore: 2 } });
    expect(readTemplateForm({ ...values, showDaysBefore: '' })).toMatchObject({
      errors: { showDaysBefore: 'Enter how many days before the appointment the form shows.' },
    });
  });
});

import { createPaperworkTemplateRequestSchema } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { parseStoredContent, sameWording, wordingOf } from './paperwork-template-content.ts';

const parse = (input: Record<string, unknown>) => createPaperworkTemplateRequestSchema.parse(input);

describe('wordingOf', () => {
  it('numbers questions without an id around the ids staff chose', () => {
    const wording = wordingOf(
      parse({
        kind: 'questionnaire',
        name: ' Intake ',
        questions: [
          { label: 'A', type: 'date' },
          { id: 'q2', label: 'B', type: 'yes_no' },
          { label: 'C', type: 'single_choice', options: [' Yes ', 'No'] },
        ],
      }),
    );
    expect(wording.name).toBe('Intake');
    expect(wording.content).toMatchObject({
      kind: 'questionnaire',
      questions: [
        { id: 'q1', type: 'date', options: [] },
        { id: 'q2', type: 'yes_no' },
        { id: 'q3', type: 'single_choice', options: ['Yes', 'No'] },
      ],
    });
  });

  it('keeps a consent’s signature rules and a plain format by default', () => {
    expect(wordingOf(parse({ kind: 'consent', name: 'C', body: 'Text', requiresWitnessSignature: true }))).toEqual({
      name: 'C',
      content: { kind: 'consent', format: 'plain', body: 'Text' },
      requiresSignature: true,
      requiresWitnessSignature: true,
    });
  });

  it('reads back what it stored, and sees an identical edit as no change', () => {
    const wording = wordingOf(parse({ kind: 'instructions', name: 'I', body: '**Bold**' }));
    const stored = JSON.parse(JSON.stringify(wording.content)) as unknown;
    expect(parseStoredContent('instructions', stored)).toEqual(wording.content);
    expect(() => parseStoredContent('consent', stored)).toThrow();
    expect(sameWording(wording, wordingOf(parse({ kind: 'instructions', name: 'I', body: '**Bold**' })))).toBe(true);
    expect(sameWording(wording, wordingOf(parse({ kind: 'instructions', name: 'I', body: '**Bolder**' })))).toBe(false);
  });
});

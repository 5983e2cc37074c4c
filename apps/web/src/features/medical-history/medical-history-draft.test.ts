import type { MedicalHistoryContent } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { blankRow, contentOf, draftErrorsOf, draftFieldOf, draftOf } from './medical-history-draft.ts';

const saved: MedicalHistoryContent = {
  allergies: [{ substance: 'Penicillin', reaction: null, severity: 'severe' }],
  medications: [{ name: 'Metformin', dose: '500 mg', frequency: null }],
  conditions: ['Rosacea'],
  previousTreatments: [{ treatment: 'Botox', when: '2024', notes: null }],
  pregnancy: { status: 'not_pregnant', dueDate: null },
  notes: null,
};

describe('the medical history draft', () => {
  it('round-trips a saved history unchanged', () => {
    expect(contentOf(draftOf(saved))).toEqual(saved);
  });

  it('trims text, sends empty boxes as null and leaves out rows left blank', () => {
    const draft = draftOf(saved);
    draft.allergies.push({ ...blankRow.allergies(), substance: '  Latex ', reaction: '   ' }, blankRow.allergies());
    draft.conditions.push(blankRow.conditions());
    draft.notes = '  Nervous about needles.  ';
    const content = contentOf(draft);
    expect(content.allergies).toEqual([saved.allergies[0], { substance: 'Latex', reaction: null, severity: 'unknown' }]);
    expect(content.conditions).toEqual(['Rosacea']);
    expect(content.notes).toBe('Nervous about needles.');
  });

  it('sends a due date only while pregnant', () => {
    const draft = draftOf(saved);
    draft.dueDate = '2027-01-05';
    expect(contentOf(draft).pregnancy).toEqual({ status: 'not_pregnant', dueDate: null });
    draft.pregnancyStatus = 'pregnant';
    expect(contentOf(draft).pregnancy).toEqual({ status: 'pregnant', dueDate: '2027-01-05' });
  });

  it('places a server field error on the row it names, counting only the rows sent', () => {
    const draft = draftOf(saved);
    const blank = blankRow.medications();
    const second = { ...blankRow.medications(), name: 'x'.repeat(300) };
    draft.medications = [draft.medications[0]!, blank, second];
    expect(draftFieldOf(draft, 'medications[1].name')).toBe(`medications.${second.key}.name`);
    expect(draftFieldOf(draft, 'conditions[0]')).toBe(`conditions.${draft.conditions[0]!.key}.name`);
    expect(draftFieldOf(draft, 'pregnancy.dueDate')).toBe('dueDate');
    expect(draftFieldOf(draft, 'conditions')).toBe('conditions');
    expect(draftFieldOf(draft, 'allergies[7].substance')).toBe('allergies');
    expect(draftErrorsOf(draft, [{ field: 'notes', message: 'At most 4000 characters.' }])).toEqual({ notes: 'At most 4000 characters.' });
  });
});

import { emptyMedicalHistoryContent, type MedicalHistoryContent } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { changedSections, describeMedicalHistoryChanges } from './medical-history-changes.ts';

const base: MedicalHistoryContent = {
  allergies: [
    { substance: 'Penicillin', reaction: 'Hives', severity: 'moderate' },
    { substance: 'Latex', reaction: null, severity: 'mild' },
  ],
  medications: [{ name: 'Metformin', dose: '500 mg', frequency: 'Twice daily' }],
  conditions: ['Rosacea', 'Migraine'],
  previousTreatments: [{ treatment: 'Botox', when: '2024', notes: 'Forehead' }],
  pregnancy: { status: 'not_pregnant', dueDate: null },
  notes: 'Prefers numbing cream.',
};

describe('describeMedicalHistoryChanges', () => {
  it('finds nothing changed between equal histories, nor when a list is only reordered', () => {
    expect(describeMedicalHistoryChanges(base, structuredClone(base))).toEqual([]);
    expect(
      describeMedicalHistoryChanges(base, { ...base, conditions: ['Migraine', 'Rosacea'], allergies: [...base.allergies].reverse() }),
    ).toEqual([]);
  });

  it('lists every entry of a first history as added, and the pregnancy status as changed from unknown', () => {
    const changes = describeMedicalHistoryChanges(emptyMedicalHistoryContent, base);
    expect(changes).toEqual([
      { section: 'allergies', kind: 'added', text: 'Penicillin (Hives; moderate)' },
      { section: 'allergies', kind: 'added', text: 'Latex (mild)' },
      { section: 'medications', kind: 'added', text: 'Metformin (500 mg, Twice daily)' },
      { section: 'conditions', kind: 'added', text: 'Rosacea' },
      { section: 'conditions', kind: 'added', text: 'Migraine' },
      { section: 'previousTreatments', kind: 'added', text: 'Botox (2024: Forehead)' },
      { section: 'pregnancy', kind: 'changed', text: 'Unknown → Not pregnant' },
      { section: 'notes', kind: 'added', text: '“Prefers numbing cream.”' },
    ]);
    expect(changedSections(changes)).toEqual(['allergies', 'medications', 'conditions', 'previousTreatments', 'pregnancy', 'notes']);
  });

  it('reads an entry kept under the same name (any case) with new details as one changed line', () => {
    const after: MedicalHistoryContent = {
      ...base,
      allergies: [{ substance: 'penicillin', reaction: 'Anaphylaxis', severity: 'severe' }, base.allergies[1]!],
      medications: [{ name: 'Metformin', dose: '1000 mg', frequency: null }],
    };
    expect(describeMedicalHistoryChanges(base, after)).toEqual([
      { section: 'allergies', kind: 'changed', text: 'Penicillin → penicillin: Hives; moderate → Anaphylaxis; severe' },
      { section: 'medications', kind: 'changed', text: 'Metformin: 500 mg, Twice daily → 1000 mg' },
    ]);
  });

  it('lists removed and added entries, the pregnancy with its due date, and quotes changed notes shortened', () => {
    const longNote = 'x'.repeat(200);
    const after: MedicalHistoryContent = {
      ...base,
      conditions: ['Rosacea', 'Eczema'],
      previousTreatments: [],
      pregnancy: { status: 'pregnant', dueDate: '2027-03-01' },
      notes: longNote,
    };
    const changes = describeMedicalHistoryChanges(base, after);
    expect(changes.slice(0, 4)).toEqual([
      { section: 'conditions', kind: 'removed', text: 'Migraine' },
      { section: 'conditions', kind: 'added', text: 'Eczema' },
      { section: 'previousTreatments', kind: 'removed', text: 'Botox (2024: Forehead)' },
      { section: 'pregnancy', kind: 'changed', text: 'Not pregnant → Pregnant, due 2027-03-01' },
    ]);
    expect(changes[4]).toEqual({ section: 'notes', kind: 'changed', text: `“Prefers numbing cream.” → “${'x'.repeat(119)}…”` });
    expect(describeMedicalHistoryChanges(base, { ...base, notes: null })).toEqual([
      { section: 'notes', kind: 'removed', text: '“Prefers numbing cream.”' },
    ]);
  });

  it('counts a duplicated entry: a second identical row added is an addition', () => {
    expect(describeMedicalHistoryChanges(base, { ...base, conditions: [...base.conditions, 'Rosacea'] })).toEqual([
      { section: 'conditions', kind: 'added', text: 'Rosacea' },
    ]);
  });
});

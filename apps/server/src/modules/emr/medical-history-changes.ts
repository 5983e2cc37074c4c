import {
  allergySeverityLabels,
  pregnancyStatusLabels,
  type Allergy,
  type MedicalHistoryChange,
  type MedicalHistoryContent,
  type MedicalHistorySection,
  type Medication,
  type Pregnancy,
  type PreviousTreatment,
} from '@glowdesk/contracts';

/** How much of a changed note a change line quotes, in characters. */
const NOTE_QUOTE_LENGTH = 120;

function describeAllergy(allergy: Allergy): { key: string; details: string } {
  const severity = allergySeverityLabels[allergy.severity].toLowerCase();
  return { key: allergy.substance, details: [allergy.reaction, severity].filter(Boolean).join('; ') };
}

function describeMedication(medication: Medication): { key: string; details: string } {
  return { key: medication.name, details: [medication.dose, medication.frequency].filter(Boolean).join(', ') };
}

function describeTreatment(treatment: PreviousTreatment): { key: string; details: string } {
  return { key: treatment.treatment, details: [treatment.when, treatment.notes].filter(Boolean).join(': ') };
}

function describeCondition(condition: string): { key: string; details: string } {
  return { key: condition, details: '' };
}

const withDetails = ({ key, details }: { key: string; details: string }) => (details ? `${key} (${details})` : key);

/**
 * Rows present in one list and not the other, as multisets (a reordering changes nothing);
 * a removed and an added row with the same key (the same substance, medication or treatment,
 * any case) read as one changed row.
 */
function compareRows<Row>(
  section: MedicalHistorySection,
  before: readonly Row[],
  after: readonly Row[],
  describe: (row: Row) => { key: string; details: string },
): MedicalHistoryChange[] {
  const remaining = [...after.map(describe)];
  const removed: { key: string; details: string }[] = [];
  for (const row of before.map(describe)) {
    const index = remaining.findIndex((candidate) => candidate.key === row.key && candidate.details === row.details);
    if (index === -1) removed.push(row);
    else remaining.splice(index, 1);
  }
  const changes: MedicalHistoryChange[] = [];
  for (const old of removed) {
    const index = remaining.findIndex((candidate) => candidate.key.toLowerCase() === old.key.toLowerCase());
    const replacement = index === -1 ? undefined : remaining.splice(index, 1)[0];
    if (replacement) {
      const name = replacement.key === old.key ? old.key : `${old.key} → ${replacement.key}`;
      changes.push({ section, kind: 'changed', text: `${name}: ${old.details || 'no details'} → ${replacement.details || 'no details'}` });
    } else {
      changes.push({ section, kind: 'removed', text: withDetails(old) });
    }
  }
  for (const added of remaining) changes.push({ section, kind: 'added', text: withDetails(added) });
  return changes;
}

function describePregnancy(pregnancy: Pregnancy): string {
  const status = pregnancyStatusLabels[pregnancy.status];
  return pregnancy.dueDate ? `${status}, due ${pregnancy.dueDate}` : status;
}

function quote(text: string): string {
  return text.length > NOTE_QUOTE_LENGTH ? `“${text.slice(0, NOTE_QUOTE_LENGTH - 1)}…”` : `“${text}”`;
}

function compareNotes(before: string | null, after: string | null): MedicalHistoryChange[] {
  if (before === after) return [];
  if (before === null && after !== null) return [{ section: 'notes', kind: 'added', text: quote(after) }];
  if (after === null && before !== null) return [{ section: 'notes', kind: 'removed', text: quote(before) }];
  return [{ section: 'notes', kind: 'changed', text: `${quote(before ?? '')} → ${quote(after ?? '')}` }];
}

/**
 * What changed between two versions of a medical history, one readable line per added,
 * removed or changed entry, in the order of the sections. Empty when nothing did (a list
 * only reordered counts as unchanged).
 */
export function describeMedicalHistoryChanges(before: MedicalHistoryContent, after: MedicalHistoryContent): MedicalHistoryChange[] {
  const pregnancyChanged = before.pregnancy.status !== after.pregnancy.status || before.pregnancy.dueDate !== after.pregnancy.dueDate;
  return [
    ...compareRows('allergies', before.allergies, after.allergies, describeAllergy),
    ...compareRows('medications', before.medications, after.medications, describeMedication),
    ...compareRows('conditions', before.conditions, after.conditions, describeCondition),
    ...compareRows('previousTreatments', before.previousTreatments, after.previousTreatments, describeTreatment),
    ...(pregnancyChanged
      ? [
          {
            section: 'pregnancy' as const,
            kind: 'changed' as const,
            text: `${describePregnancy(before.pregnancy)} → ${describePregnancy(after.pregnancy)}`,
          },
        ]
      : []),
    ...compareNotes(before.notes, after.notes),
  ];
}

/** The sections a change touched, for the audit trail (which records that health data changed, not the data). */
export function changedSections(changes: readonly MedicalHistoryChange[]): MedicalHistorySection[] {
  return [...new Set(changes.map((change) => change.section))];
}

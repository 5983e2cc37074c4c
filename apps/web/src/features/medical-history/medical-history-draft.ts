import { emptyMedicalHistoryContent, type AllergySeverity, type MedicalHistoryContent, type PregnancyStatus } from '@glowdesk/contracts';

/** A row being edited: text boxes hold strings (empty for nothing), `key` keeps React's rows apart. */
export interface AllergyDraft {
  key: string;
  substance: string;
  reaction: string;
  severity: AllergySeverity;
}
export interface MedicationDraft {
  key: string;
  name: string;
  dose: string;
  frequency: string;
}
export interface ConditionDraft {
  key: string;
  name: string;
}
export interface TreatmentDraft {
  key: string;
  treatment: string;
  when: string;
  notes: string;
}

/** A medical history as the form edits it. */
export interface MedicalHistoryDraft {
  allergies: AllergyDraft[];
  medications: MedicationDraft[];
  conditions: ConditionDraft[];
  previousTreatments: TreatmentDraft[];
  pregnancyStatus: PregnancyStatus;
  dueDate: string;
  notes: string;
}

export type RowSection = 'allergies' | 'medications' | 'conditions' | 'previousTreatments';

let lastKey = 0;
const nextKey = () => {
  lastKey += 1;
  return `row-${lastKey}`;
};

export const blankRow = {
  allergies: (): AllergyDraft => ({ key: nextKey(), substance: '', reaction: '', severity: 'unknown' }),
  medications: (): MedicationDraft => ({ key: nextKey(), name: '', dose: '', frequency: '' }),
  conditions: (): ConditionDraft => ({ key: nextKey(), name: '' }),
  previousTreatments: (): TreatmentDraft => ({ key: nextKey(), treatment: '', when: '', notes: '' }),
};

/** The form's starting point for a saved history. */
export function draftOf(content: MedicalHistoryContent = emptyMedicalHistoryContent): MedicalHistoryDraft {
  return {
    allergies: content.allergies.map((allergy) => ({
      key: nextKey(),
      substance: allergy.substance,
      reaction: allergy.reaction ?? '',
      severity: allergy.severity,
    })),
    medications: content.medications.map((medication) => ({
      key: nextKey(),
      name: medication.name,
      dose: medication.dose ?? '',
      frequency: medication.frequency ?? '',
    })),
    conditions: content.conditions.map((name) => ({ key: nextKey(), name })),
    previousTreatments: content.previousTreatments.map((treatment) => ({
      key: nextKey(),
      treatment: treatment.treatment,
      when: treatment.when ?? '',
      notes: treatment.notes ?? '',
    })),
    pregnancyStatus: content.pregnancy.status,
    dueDate: content.pregnancy.dueDate ?? '',
    notes: content.notes ?? '',
  };
}

const textOrNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** A row whose boxes are all empty was added and left blank: it is not sent. */
function isBlank(row: object): boolean {
  return Object.entries(row)
    .filter(([name]) => name !== 'key' && name !== 'severity')
    .every(([, value]) => String(value).trim() === '');
}

function keptRows<Row extends { key: string }>(rows: Row[]): Row[] {
  return rows.filter((row) => !isBlank(row));
}

/** What the form sends: text trimmed, empty boxes as null, blank rows left out, a due date only while pregnant. */
export function contentOf(draft: MedicalHistoryDraft): MedicalHistoryContent {
  return {
    allergies: keptRows(draft.allergies).map((row) => ({
      substance: row.substance.trim(),
      reaction: textOrNull(row.reaction),
      severity: row.severity,
    })),
    medications: keptRows(draft.medications).map((row) => ({
      name: row.name.trim(),
      dose: textOrNull(row.dose),
      frequency: textOrNull(row.frequency),
    })),
    conditions: keptRows(draft.conditions).map((row) => row.name.trim()),
    previousTreatments: keptRows(draft.previousTreatments).map((row) => ({
      treatment: row.treatment.trim(),
      when: textOrNull(row.when),
      notes: textOrNull(row.notes),
    })),
    pregnancy: {
      status: draft.pregnancyStatus,
      dueDate: draft.pregnancyStatus === 'pregnant' ? textOrNull(draft.dueDate) : null,
    },
    notes: textOrNull(draft.notes),
  };
}

/**
 * Where the form shows a field error the server named: `allergies[1].substance` counts the
 * rows sent (blank ones left out), so it becomes the draft row's own key
 * (`allergies.<row key>.substance`). A whole section keeps its name (`conditions`), and
 * `conditions[2]` names the condition's box.
 */
export function draftFieldOf(draft: MedicalHistoryDraft, serverField: string): string {
  const match = /^(allergies|medications|conditions|previousTreatments)\[(\d+)\](?:\.(\w+))?$/.exec(serverField);
  if (!match) {
    if (serverField === 'pregnancy.dueDate') return 'dueDate';
    if (serverField === 'pregnancy.status' || serverField === 'pregnancy') return 'pregnancyStatus';
    return serverField;
  }
  const section = match[1] as RowSection;
  const row = keptRows(draft[section] as { key: string }[])[Number(match[2])];
  if (!row) return section;
  return `${section}.${row.key}.${match[3] ?? 'name'}`;
}

/** The server's field errors keyed for the form (see draftFieldOf). */
export function draftErrorsOf(draft: MedicalHistoryDraft, problems: readonly { field: string; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const field = draftFieldOf(draft, problem.field);
    errors[field] ??= problem.message;
  }
  return errors;
}

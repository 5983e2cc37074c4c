import {
  allergySeverityLabels,
  allergySeveritySchema,
  MEDICAL_HISTORY_MAX_ROWS,
  pregnancyStatusLabels,
  pregnancyStatusSchema,
} from '@glowdesk/contracts';
import { Button, CloseButton, Fieldset, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { blankRow, type MedicalHistoryDraft, type RowSection } from '../medical-history-draft.ts';

const severityOptions = allergySeveritySchema.options.map((value) => ({ value, label: allergySeverityLabels[value] }));
const pregnancyOptions = pregnancyStatusSchema.options.map((value) => ({ value, label: pregnancyStatusLabels[value] }));

interface FormProps {
  draft: MedicalHistoryDraft;
  onChange: (draft: MedicalHistoryDraft) => void;
  /** Field errors keyed as draftErrorsOf keys them. */
  errors: Record<string, string>;
  /** Who the history is about, in the words of the one filling it in: "you" in the portal, the client's name for staff. */
  audience: 'patient' | 'staff';
}

type RowOf<Section extends RowSection> = MedicalHistoryDraft[Section][number];

/** One list of the history: its rows, each removable, and an Add button. */
function RowList<Section extends RowSection>({
  section,
  legend,
  description,
  noun,
  draft,
  onChange,
  errors,
  renderRow,
}: {
  section: Section;
  legend: string;
  description: string;
  /** What one row is, for the buttons: "allergy", "medication". */
  noun: string;
  draft: MedicalHistoryDraft;
  onChange: (draft: MedicalHistoryDraft) => void;
  errors: Record<string, string>;
  renderRow: (row: RowOf<Section>, update: (changes: Partial<RowOf<Section>>) => void, label: string) => ReactNode;
}) {
  const rows = draft[section] as RowOf<Section>[];
  const setRows = (next: RowOf<Section>[]) => onChange({ ...draft, [section]: next });
  return (
    <Fieldset legend={<Text fw={700}>{legend}</Text>} variant="unstyled" data-testid={`medical-history-${section}`}>
      <Text size="sm" c="dimmed" mb="xs">
        {description}
      </Text>
      <Stack gap="xs">
        {rows.map((row, index) => {
          const label = `${noun} ${index + 1}`;
          return (
            <Paper key={row.key} withBorder radius="md" p="sm" component="div" role="group" aria-label={label}>
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <div style={{ flex: 1, minWidth: 0 }}>
                  {renderRow(
                    row,
                    (changes) => setRows(rows.map((candidate) => (candidate.key === row.key ? { ...candidate, ...changes } : candidate))),
                    label,
                  )}
                </div>
                <CloseButton
                  aria-label={`Remove ${label}`}
                  mt={4}
                  onClick={() => setRows(rows.filter((candidate) => candidate.key !== row.key))}
                />
              </Group>
            </Paper>
          );
        })}
        {errors[section] && (
          <Text size="sm" c="red" role="alert">
            {errors[section]}
          </Text>
        )}
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={rows.length >= MEDICAL_HISTORY_MAX_ROWS}
            onClick={() => setRows([...rows, blankRow[section]()])}
          >
            Add {noun}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/**
 * The medical history as a form: allergies, medications, conditions and previous treatments
 * as rows to add and remove, the pregnancy status and notes. Shared by the client profile and
 * the patient portal; it lays its boxes out in one column on a phone.
 */
export function MedicalHistoryForm({ draft, onChange, errors, audience }: FormProps) {
  const error = (section: RowSection, key: string, field: string) => errors[`${section}.${key}.${field}`];
  const yours = audience === 'patient' ? 'you' : 'the client';
  return (
    <Stack gap="lg">
      <RowList
        section="allergies"
        legend="Allergies"
        description={`Medicines, anaesthetics, latex, foods or anything else ${yours} react${audience === 'patient' ? '' : 's'} to.`}
        noun="allergy"
        draft={draft}
        onChange={onChange}
        errors={errors}
        renderRow={(row, update, label) => (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <TextInput
              label="Substance"
              aria-label={`${label}: substance`}
              required
              value={row.substance}
              error={error('allergies', row.key, 'substance')}
              onChange={(event) => update({ substance: event.currentTarget.value })}
            />
            <TextInput
              label="Reaction"
              aria-label={`${label}: reaction`}
              value={row.reaction}
              error={error('allergies', row.key, 'reaction')}
              onChange={(event) => update({ reaction: event.currentTarget.value })}
            />
            <Select
              label="Severity"
              aria-label={`${label}: severity`}
              data={severityOptions}
              value={row.severity}
              allowDeselect={false}
              error={error('allergies', row.key, 'severity')}
              onChange={(value) => value && update({ severity: allergySeveritySchema.parse(value) })}
            />
          </SimpleGrid>
        )}
      />
      <RowList
        section="medications"
        legend="Medications"
        description="Prescriptions, supplements and anything taken regularly."
        noun="medication"
        draft={draft}
        onChange={onChange}
        errors={errors}
        renderRow={(row, update, label) => (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <TextInput
              label="Name"
              aria-label={`${label}: name`}
              required
              value={row.name}
              error={error('medications', row.key, 'name')}
              onChange={(event) => update({ name: event.currentTarget.value })}
            />
            <TextInput
              label="Dose"
              aria-label={`${label}: dose`}
              placeholder="e.g. 20 mg"
              value={row.dose}
              error={error('medications', row.key, 'dose')}
              onChange={(event) => update({ dose: event.currentTarget.value })}
            />
            <TextInput
              label="How often"
              aria-label={`${label}: how often`}
              placeholder="e.g. Once daily"
              value={row.frequency}
              error={error('medications', row.key, 'frequency')}
              onChange={(event) => update({ frequency: event.currentTarget.value })}
            />
          </SimpleGrid>
        )}
      />
      <RowList
        section="conditions"
        legend="Conditions"
        description="Medical conditions, past or present (e.g. diabetes, cold sores, a bleeding disorder)."
        noun="condition"
        draft={draft}
        onChange={onChange}
        errors={errors}
        renderRow={(row, update, label) => (
          <TextInput
            label="Condition"
            aria-label={`${label}: condition`}
            required
            value={row.name}
            error={error('conditions', row.key, 'name')}
            onChange={(event) => update({ name: event.currentTarget.value })}
          />
        )}
      />
      <RowList
        section="previousTreatments"
        legend="Previous treatments"
        description="Aesthetic treatments had before, here or elsewhere (injectables, lasers, peels, surgery)."
        noun="treatment"
        draft={draft}
        onChange={onChange}
        errors={errors}
        renderRow={(row, update, label) => (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <TextInput
              label="Treatment"
              aria-label={`${label}: treatment`}
              required
              value={row.treatment}
              error={error('previousTreatments', row.key, 'treatment')}
              onChange={(event) => update({ treatment: event.currentTarget.value })}
            />
            <TextInput
              label="When"
              aria-label={`${label}: when`}
              placeholder="2024, 2024-05 or 2024-05-17"
              value={row.when}
              error={error('previousTreatments', row.key, 'when')}
              onChange={(event) => update({ when: event.currentTarget.value })}
            />
            <TextInput
              label="Notes"
              aria-label={`${label}: notes`}
              value={row.notes}
              error={error('previousTreatments', row.key, 'notes')}
              onChange={(event) => update({ notes: event.currentTarget.value })}
            />
          </SimpleGrid>
        )}
      />
      <Fieldset legend={<Text fw={700}>Pregnancy</Text>} variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Select
            label="Pregnancy or breastfeeding"
            data={pregnancyOptions}
            value={draft.pregnancyStatus}
            allowDeselect={false}
            error={errors.pregnancyStatus}
            onChange={(value) => value && onChange({ ...draft, pregnancyStatus: pregnancyStatusSchema.parse(value) })}
          />
          {draft.pregnancyStatus === 'pregnant' && (
            <TextInput
              type="date"
              label="Due date (optional)"
              value={draft.dueDate}
              error={errors.dueDate}
              onChange={(event) => onChange({ ...draft, dueDate: event.currentTarget.value })}
            />
          )}
        </SimpleGrid>
      </Fieldset>
      <Textarea
        label={audience === 'patient' ? 'Anything else the clinic should know' : 'Notes'}
        autosize
        minRows={2}
        maxRows={8}
        value={draft.notes}
        error={errors.notes}
        onChange={(event) => onChange({ ...draft, notes: event.currentTarget.value })}
      />
    </Stack>
  );
}

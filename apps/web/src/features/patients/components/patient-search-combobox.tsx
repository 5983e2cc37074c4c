import type { PatientSummary } from '@glowdesk/contracts';
import { Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { MIN_SEARCH_LENGTH, usePatientSearch } from '../api/search-patients.ts';
import { formatPhone } from '../format-phone.ts';
import { describeBirthDate } from '../../../shared/format/person-dates.ts';

interface PatientSearchComboboxProps {
  label: string;
  description?: string;
  placeholder?: string;
  error?: string | undefined;
  autoFocus?: boolean;
  onPick: (patient: PatientSummary) => void;
}

/** Type a name, email or phone; ranked matches drop down and one is picked with a click or Enter. */
export function PatientSearchCombobox({ label, description, placeholder, error, autoFocus, onPick }: PatientSearchComboboxProps) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 250);
  const search = usePatientSearch(debounced);
  const matches = debounced.trim().length >= MIN_SEARCH_LENGTH ? (search.data ?? []) : [];
  const searching = text.trim().length >= MIN_SEARCH_LENGTH && (search.isFetching || text !== debounced);

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(patientId) => {
        const patient = matches.find((match) => match.id === patientId);
        if (!patient) return;
        onPick(patient);
        setText('');
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label={label}
          description={description}
          placeholder={placeholder ?? 'Name, email or phone'}
          leftSection={<IconSearch size={16} stroke={1.6} />}
          rightSection={searching ? <Loader size={14} /> : null}
          value={text}
          error={error}
          data-autofocus={autoFocus ? true : undefined}
          autoComplete="off"
          onChange={(event) => {
            setText(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={text.trim().length < MIN_SEARCH_LENGTH}>
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {matches.length === 0 ? (
            <Combobox.Empty>{searching ? 'Searching…' : 'No patient matches. Enter their details below to add them.'}</Combobox.Empty>
          ) : (
            matches.map((patient) => (
              <Combobox.Option key={patient.id} value={patient.id} aria-label={`${patient.firstName} ${patient.lastName}`}>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {patient.firstName} {patient.lastName}
                  </Text>
                  <Group gap={8} wrap="nowrap">
                    <Text size="xs" c="dimmed" truncate>
                      {[patient.email, patient.phone ? formatPhone(patient.phone) : null, describeBirthDate(patient.dateOfBirth)]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Group>
                </Stack>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

import type { PatientSummary } from '@glowdesk/contracts';
import { Button, Group, Paper, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { usePatientPages } from '../../patients/api/get-patients.ts';
import { MIN_SEARCH_LENGTH, usePatientSearch } from '../../patients/api/search-patients.ts';
import { formatPhone } from '../../patients/format-phone.ts';
import { EmrRowActions } from './emr-row-actions.tsx';

function PatientRows({
  patients,
  charts,
  onNewProcedure,
}: {
  patients: PatientSummary[];
  charts: boolean;
  onNewProcedure: (patient: PatientSummary) => void;
}) {
  return (
    <StackedTableContainer minWidth={680}>
      <Table className={stackedTableClass} aria-label="Patients" highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Date of birth</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Phone</Table.Th>
            <Table.Th w={60}>Action</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((patient) => {
            const name = `${patient.firstName} ${patient.lastName}`;
            return (
              <Table.Tr key={patient.id}>
                <Table.Td data-label="Name" fw={600}>
                  {name}
                </Table.Td>
                <Table.Td data-label="Date of birth">{patient.dateOfBirth ?? ''}</Table.Td>
                <Table.Td data-label="Email" style={{ wordBreak: 'break-all' }}>
                  {patient.email ?? ''}
                </Table.Td>
                <Table.Td data-label="Phone" style={{ whiteSpace: 'nowrap' }}>
                  {patient.phone ? formatPhone(patient.phone) : ''}
                </Table.Td>
                <Table.Td data-label="Action">
                  <EmrRowActions name={name} patientId={patient.id} charts={charts} onNewProcedure={() => onNewProcedure(patient)} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </StackedTableContainer>
  );
}

/** The EMR's Patients tab: every patient (or those matching a search), each with New Procedure and View Patient Profile. */
export function EmrPatientsTab({ charts, onNewProcedure }: { charts: boolean; onNewProcedure: (patient: PatientSummary) => void }) {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 250);
  const searching = debounced.trim().length >= MIN_SEARCH_LENGTH;
  const search = usePatientSearch(debounced, { limit: 50 });
  const pages = usePatientPages({ enabled: !searching });
  const everyone = (pages.data?.pages ?? []).flatMap((page) => page.items);
  const query = searching ? search : pages;
  const patients = searching ? (search.data ?? []) : everyone;

  return (
    <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
      <Stack gap="md">
        <TextInput
          aria-label="Search patients"
          placeholder="Search by name, email or phone"
          leftSection={<IconSearch size={16} stroke={1.6} />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          maw={420}
        />
        {query.error ? (
          <LoadError what="the patients" error={query.error} onRetry={() => void query.refetch()} />
        ) : query.isPending ? (
          <Stack gap="xs" role="status" aria-label="Loading the patients">
            {[0, 1, 2, 3].map((row) => (
              <Skeleton key={row} height={28} />
            ))}
          </Stack>
        ) : patients.length === 0 ? (
          <Text size="sm" c="dimmed">
            {searching ? 'No patient matches.' : 'No patients yet.'}
          </Text>
        ) : (
          <PatientRows patients={patients} charts={charts} onNewProcedure={onNewProcedure} />
        )}
        {!searching && pages.hasNextPage && (
          <Group>
            <Button variant="subtle" size="xs" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
              Show more patients
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

import type { PatientSummary } from '@glowdesk/contracts';
import { Anchor, Button, Group, Loader, Paper, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconSearch, IconUserPlus, IconUsers, IconUserSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { usePatientPages } from '../api/get-patients.ts';
import { MIN_SEARCH_LENGTH, usePatientSearch } from '../api/search-patients.ts';
import { formatPhone } from '../format-phone.ts';
import { NewClientModal } from './new-client-modal.tsx';
import { PortalRegistrationsLink } from './portal-registrations-link.tsx';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';

const SEARCH_LIMIT = 50;

function ClientTable({ patients, caption }: { patients: PatientSummary[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Phone</Table.Th>
            <Table.Th>Date of birth</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((patient) => (
            <Table.Tr key={patient.id}>
              <Table.Td>
                <Anchor component={Link} to={`/clients/${patient.id}`} fw={600} size="sm">
                  {patient.lastName}, {patient.firstName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{patient.email ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {patient.phone ? formatPhone(patient.phone) : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{patient.dateOfBirth ? formatCalendarDate(patient.dateOfBirth) : '—'}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TableSkeleton() {
  return (
    <Stack gap="sm" p="md" role="status" aria-label="Loading clients">
      {[0, 1, 2, 3, 4].map((row) => (
        <Skeleton key={row} height={28} radius="sm" />
      ))}
    </Stack>
  );
}

/** Clients: search by any part of a name, email or phone (ranked), or browse everyone alphabetically. */
export function ClientDirectory() {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(text, 250);
  const searching = debounced.trim().length >= MIN_SEARCH_LENGTH;
  const search = usePatientSearch(debounced, { limit: SEARCH_LIMIT });
  const pages = usePatientPages({ enabled: !searching });
  const [adding, addModal] = useDisclosure(false);

  const everyone = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const active = searching ? search : pages;

  return (
    <>
      <PageHeader
        title="Clients"
        description="Every client of the practice: contact details, appointments and cards on file."
        actions={
          <>
            <PortalRegistrationsLink />
            <Button leftSection={<IconUserPlus size={18} />} onClick={addModal.open}>
              New client
            </Button>
          </>
        }
      />
      <TextInput
        aria-label="Search clients"
        placeholder="Search by name, email or phone"
        leftSection={<IconSearch size={16} stroke={1.6} />}
        rightSection={searching && search.isFetching ? <Loader size={14} /> : null}
        size="md"
        mb="md"
        value={text}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setText(value);
          setParams(value.trim() ? { q: value } : {}, { replace: true });
        }}
      />
      {active.isError ? (
        <LoadError what="the clients" error={active.error} onRetry={() => void active.refetch()} />
      ) : searching ? (
        search.data && search.data.length === 0 ? (
          <EmptyStateCard
            icon={<IconUserSearch size={26} stroke={1.6} />}
            title="No client matches"
            description={`Nobody's name, email or phone matches "${debounced.trim()}". Check the spelling, or add them as a new client.`}
            actions={<Button onClick={addModal.open}>New client</Button>}
          />
        ) : (
          <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
            {search.data ? <ClientTable patients={search.data} caption="Matching clients" /> : <TableSkeleton />}
            {search.data && search.data.length === SEARCH_LIMIT && (
              <Text size="xs" c="dimmed" p="sm" ta="center">
                Showing the {SEARCH_LIMIT} best matches. Type more to narrow the search.
              </Text>
            )}
          </Paper>
        )
      ) : pages.data && everyone.length === 0 ? (
        <EmptyStateCard
          icon={<IconUsers size={26} stroke={1.6} />}
          title="No clients yet"
          description="Clients appear here once they are added or book online. The front desk can also add one while booking."
          actions={<Button onClick={addModal.open}>New client</Button>}
        />
      ) : (
        <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
          {pages.data ? <ClientTable patients={everyone} caption="All clients" /> : <TableSkeleton />}
          {pages.hasNextPage && (
            <Group justify="center" p="sm">
              <Button variant="default" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                Load more
              </Button>
            </Group>
          )}
          {pages.data && !pages.hasNextPage && (
            <Text size="xs" c="dimmed" p="sm" ta="center">
              {everyone.length} clients
            </Text>
          )}
        </Paper>
      )}
      <NewClientModal opened={adding} onClose={addModal.close} />
    </>
  );
}

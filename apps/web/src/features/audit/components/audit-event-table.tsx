import type { AuditEvent } from '@glowdesk/contracts';
import { Table, Text, VisuallyHidden } from '@mantine/core';
import { AuditEventRow } from './audit-event-row.tsx';

export function AuditEventTable({ events, timeZone }: { events: AuditEvent[]; timeZone: string }) {
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table highlightOnHover horizontalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <VisuallyHidden>Details</VisuallyHidden>
            </Table.Th>
            <Table.Th>
              Time{' '}
              <Text span size="xs" c="dimmed" fw={500}>
                ({timeZone.replaceAll('_', ' ')})
              </Text>
            </Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Object</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>IP</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <AuditEventRow key={event.id} event={event} timeZone={timeZone} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

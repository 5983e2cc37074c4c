import { appointmentStatusLabels, type BoardCard, type EmrBoard } from '@glowdesk/contracts';
import { Badge, Paper, Table, Text } from '@mantine/core';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { formatClinicTime } from '../../appointments/clinic-time.ts';
import { EmrRowActions } from './emr-row-actions.tsx';

interface EmrBookingsTabProps {
  board: EmrBoard | undefined;
  timeZone: string;
  charts: boolean;
  onNewProcedure: (card: BoardCard) => void;
}

/** The day's bookings at the clinic as a list (the board's cards, by time), each with its action menu. */
export function EmrBookingsTab({ board, timeZone, charts, onNewProcedure }: EmrBookingsTabProps) {
  const cards = (board?.columns ?? []).flatMap((column) => column.cards).sort((a, b) => a.start.localeCompare(b.start));
  if (board && cards.length === 0) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Text size="sm" c="dimmed">
          No bookings at this clinic on this day.
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
      <StackedTableContainer minWidth={760}>
        <Table className={stackedTableClass} aria-label="Bookings" highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Services</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Paperwork</Table.Th>
              <Table.Th w={60}>Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cards.map((card) => {
              const name = `${card.patient.firstName} ${card.patient.lastName}`;
              return (
                <Table.Tr key={card.appointmentId}>
                  <Table.Td data-label="Time" style={{ whiteSpace: 'nowrap' }}>
                    {formatClinicTime(card.start, timeZone)} – {formatClinicTime(card.end, timeZone)}
                  </Table.Td>
                  <Table.Td data-label="Patient" fw={600}>
                    {name}
                  </Table.Td>
                  <Table.Td data-label="Services">{card.serviceNames.join(', ')}</Table.Td>
                  <Table.Td data-label="Provider">{card.provider.displayName}</Table.Td>
                  <Table.Td data-label="Status">
                    <Badge variant="light" color="gray" tt="none">
                      {appointmentStatusLabels[card.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td data-label="Paperwork">
                    {card.formsOutstanding > 0 ? (
                      <Text size="sm" c="red.8">
                        {card.formsOutstanding === 1 ? '1 form to sign' : `${card.formsOutstanding} forms to sign`}
                      </Text>
                    ) : (
                      <Text size="sm">Complete</Text>
                    )}
                  </Table.Td>
                  <Table.Td data-label="Action">
                    <EmrRowActions
                      name={name}
                      patientId={card.patient.id}
                      procedureId={card.procedureId}
                      charts={charts}
                      onNewProcedure={() => onNewProcedure(card)}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </StackedTableContainer>
    </Paper>
  );
}

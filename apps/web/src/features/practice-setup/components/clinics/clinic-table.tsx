import type { Clinic } from '@glowdesk/contracts';
import { Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatMinutes } from '../../format-minutes.ts';
import type { RecordAction } from '../shared/record-action.ts';
import { RecordRowMenu } from '../shared/record-row-menu.tsx';
import { RecordStatusBadge } from '../shared/record-status-badge.tsx';
import { currentOffsetLabel, readableTimeZone } from '../../time-zone-options.ts';

interface ClinicTableProps {
  clinics: readonly Clinic[];
  canManage: boolean;
  onEdit: (clinic: Clinic) => void;
  onAction: (clinic: Clinic, action: RecordAction) => void;
}

function addressOf(clinic: Clinic): string {
  const cityLine = [clinic.city, [clinic.region, clinic.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [clinic.addressLine1, clinic.addressLine2, cityLine].filter(Boolean).join(', ');
}

function noticeOf(clinic: Clinic): string {
  return clinic.minimumNoticeMinutes === 0 ? 'No minimum notice' : `${formatMinutes(clinic.minimumNoticeMinutes)} notice`;
}

export function ClinicTable({ clinics, canManage, onEdit, onAction }: ClinicTableProps) {
  const sorted = [...clinics].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Clinic</Table.Th>
            <Table.Th>Time zone</Table.Th>
            <Table.Th>Contact</Table.Th>
            <Table.Th>Booking</Table.Th>
            <Table.Th>Status</Table.Th>
            {canManage && (
              <Table.Th w={56}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((clinic) => (
            <Table.Tr key={clinic.id}>
              <Table.Td maw={320}>
                <Stack gap={2}>
                  <Text size="sm" fw={600} c={clinic.active ? undefined : 'dimmed'}>
                    {clinic.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {addressOf(clinic) || 'No address yet'}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Stack gap={2} style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{readableTimeZone(clinic.timezone)}</Text>
                  <Text size="xs" c="dimmed">
                    {currentOffsetLabel(clinic.timezone)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm">{clinic.phone ?? '—'}</Text>
                  {clinic.notificationEmail && (
                    <Text size="xs" c="dimmed">
                      {clinic.notificationEmail}
                    </Text>
                  )}
                  {clinic.smsNotificationPhone && (
                    <Text size="xs" c="dimmed">
                      SMS {clinic.smsNotificationPhone}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm">Starts every {clinic.slotStepMinutes} min</Text>
                  <Text size="xs" c="dimmed">
                    {noticeOf(clinic)} · up to {clinic.bookingHorizonDays} days ahead
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td w={110}>
                <RecordStatusBadge active={clinic.active} />
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <RecordRowMenu
                    name={clinic.name}
                    active={clinic.active}
                    onEdit={() => onEdit(clinic)}
                    onAction={(action) => onAction(clinic, action)}
                  />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

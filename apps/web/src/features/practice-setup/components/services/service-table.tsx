import type { Clinic, Service } from '@glowdesk/contracts';
import { Badge, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { Fragment } from 'react';
import { formatMinutes } from '../../format-minutes.ts';
import { formatMoney } from '../../../../shared/format/money.ts';
import type { RecordAction } from '../shared/record-action.ts';
import { RecordRowMenu } from '../shared/record-row-menu.tsx';
import { RecordStatusBadge } from '../shared/record-status-badge.tsx';
import { serviceModeLabels } from './service-modes.ts';

interface ServiceTableProps {
  services: readonly Service[];
  clinics: readonly Clinic[];
  /** Short clinic names by id ("SoHo"). */
  clinicNames: ReadonlyMap<string, string>;
  canManage: boolean;
  onEdit: (service: Service) => void;
  onAction: (service: Service, action: RecordAction) => void;
}

const UNCATEGORIZED = 'Other';

function buffersOf(service: Service): string | undefined {
  const parts = [
    service.bufferBeforeMinutes > 0 ? `${service.bufferBeforeMinutes} before` : undefined,
    service.bufferAfterMinutes > 0 ? `${service.bufferAfterMinutes} after` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? `+ ${parts.join(', ')}` : undefined;
}

function describeFees(service: Service): string {
  const fee = (cents: number) => (cents === 0 ? 'none' : formatMoney(cents, service.currency));
  return `Cancel ${fee(service.cancellationFeeCents)} · No-show ${fee(service.noShowFeeCents)}`;
}

/** Services grouped by category, as the menu reads. */
export function ServiceTable({ services, clinics, clinicNames, canManage, onEdit, onAction }: ServiceTableProps) {
  const groups = new Map<string, Service[]>();
  for (const service of [...services].sort((a, b) => a.name.localeCompare(b.name))) {
    const category = service.category ?? UNCATEGORIZED;
    groups.set(category, [...(groups.get(category) ?? []), service]);
  }
  const categories = [...groups.keys()].sort((a, b) => (a === UNCATEGORIZED ? 1 : b === UNCATEGORIZED ? -1 : a.localeCompare(b)));
  const columns = canManage ? 7 : 6;
  const clinicOrder = clinics.map((clinic) => clinic.id);

  return (
    <Table.ScrollContainer minWidth={980}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={220}>Service</Table.Th>
            <Table.Th w={100}>Duration</Table.Th>
            <Table.Th w={190}>Price and fees</Table.Th>
            <Table.Th w={120}>Booking</Table.Th>
            <Table.Th w={110}>Offered</Table.Th>
            <Table.Th w={100}>Status</Table.Th>
            {canManage && (
              <Table.Th w={56}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {categories.map((category) => (
            <Fragment key={category}>
              <Table.Tr bg="var(--mantine-color-gray-0)">
                <Table.Th colSpan={columns} scope="colgroup" py={6}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                    {category}
                  </Text>
                </Table.Th>
              </Table.Tr>
              {(groups.get(category) ?? []).map((service) => {
                const buffers = buffersOf(service);
                const offeredAt = [...service.clinicIds]
                  .sort((a, b) => clinicOrder.indexOf(a) - clinicOrder.indexOf(b))
                  .map((clinicId) => clinicNames.get(clinicId) ?? '?');
                return (
                  <Table.Tr key={service.id}>
                    <Table.Td maw={300}>
                      <Stack gap={2}>
                        <Text size="sm" fw={600} c={service.active ? undefined : 'dimmed'}>
                          {service.name}
                        </Text>
                        {service.description && (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {service.description}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{formatMinutes(service.durationMinutes)}</Text>
                      {buffers && (
                        <Tooltip label="Buffers block the provider, not the patient.">
                          <Text size="xs" c="dimmed">
                            {buffers}
                          </Text>
                        </Tooltip>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {service.priceCents === 0 ? 'Free' : formatMoney(service.priceCents, service.currency)}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {describeFees(service)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge variant="light" color={service.mode === 'in_person' ? 'gray' : 'grape'} tt="none" fw={600} miw="max-content">
                          {serviceModeLabels[service.mode]}
                        </Badge>
                        {!service.bookableOnline && (
                          <Badge variant="outline" color="gray" tt="none" fw={600} miw="max-content">
                            Staff only
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" c={offeredAt.length === 0 ? 'orange.8' : undefined}>
                        {offeredAt.length === 0
                          ? 'No clinic yet'
                          : offeredAt.length === clinics.length && clinics.length > 1
                            ? 'All clinics'
                            : offeredAt.join(', ')}
                      </Text>
                      <Text size="xs" c={service.providerIds.length === 0 ? 'orange.8' : 'dimmed'}>
                        {service.providerIds.length === 0
                          ? 'No providers yet'
                          : service.providerIds.length === 1
                            ? '1 provider'
                            : `${service.providerIds.length} providers`}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RecordStatusBadge active={service.active} />
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <RecordRowMenu
                          name={service.name}
                          active={service.active}
                          onEdit={() => onEdit(service)}
                          onAction={(action) => onAction(service, action)}
                        />
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import type { Service, ServicePackage } from '@glowdesk/contracts';
import { Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatMinutes } from '../../format-minutes.ts';
import { formatMoney } from '../../../../shared/format/money.ts';
import type { RecordAction } from '../shared/record-action.ts';
import { RecordRowMenu } from '../shared/record-row-menu.tsx';
import { RecordStatusBadge } from '../shared/record-status-badge.tsx';
import { packageTotals } from './package-totals.ts';

interface PackageTableProps {
  packages: readonly ServicePackage[];
  services: readonly Service[];
  canManage: boolean;
  onEdit: (servicePackage: ServicePackage) => void;
  onAction: (servicePackage: ServicePackage, action: RecordAction) => void;
}

export function PackageTable({ packages, services, canManage, onEdit, onAction }: PackageTableProps) {
  const serviceNames = new Map(services.map((service) => [service.id, service.name]));
  const sorted = [...packages].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Package</Table.Th>
            <Table.Th>Services, in order</Table.Th>
            <Table.Th>Total time</Table.Th>
            <Table.Th>Price</Table.Th>
            <Table.Th>Status</Table.Th>
            {canManage && (
              <Table.Th w={56}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((servicePackage) => {
            const totals = packageTotals(servicePackage.serviceIds, services);
            const saving = totals.separatePriceCents - servicePackage.priceCents;
            return (
              <Table.Tr key={servicePackage.id}>
                <Table.Td maw={260}>
                  <Stack gap={2}>
                    <Text size="sm" fw={600} c={servicePackage.active ? undefined : 'dimmed'}>
                      {servicePackage.name}
                    </Text>
                    {servicePackage.description && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {servicePackage.description}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
                    {servicePackage.serviceIds.map((serviceId, index) => (
                      <Text component="li" size="sm" key={`${serviceId}:${index}`}>
                        <Text span c="dimmed" size="xs">
                          {index + 1}.
                        </Text>{' '}
                        {serviceNames.get(serviceId) ?? 'Unknown service'}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatMinutes(totals.durationMinutes)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {formatMoney(servicePackage.priceCents, servicePackage.currency)}
                  </Text>
                  {saving > 0 && (
                    <Text size="xs" c="lagoon.8">
                      Saves {formatMoney(saving, servicePackage.currency)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <RecordStatusBadge active={servicePackage.active} />
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <RecordRowMenu
                      name={servicePackage.name}
                      active={servicePackage.active}
                      onEdit={() => onEdit(servicePackage)}
                      onAction={(action) => onAction(servicePackage, action)}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

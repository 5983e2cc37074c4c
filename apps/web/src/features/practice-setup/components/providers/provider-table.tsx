import type { Provider, Service, StaffMember } from '@glowdesk/contracts';
import { Anchor, ColorSwatch, Group, Menu, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconCalendarTime, IconVideo } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { RecordAction } from '../shared/record-action.ts';
import { RecordRowMenu } from '../shared/record-row-menu.tsx';
import { RecordStatusBadge } from '../shared/record-status-badge.tsx';
import { schedulePathFor } from '../schedules/schedule-location.ts';

interface ProviderTableProps {
  providers: readonly Provider[];
  services: readonly Service[];
  /** Short clinic names by id. */
  clinicNames: ReadonlyMap<string, string>;
  /** Known to owners and admins only; the email column shows then. */
  staffAccounts: readonly StaffMember[] | undefined;
  canManage: boolean;
  onEdit: (provider: Provider) => void;
  onAction: (provider: Provider, action: RecordAction) => void;
}

export function ProviderTable({ providers, services, clinicNames, staffAccounts, canManage, onEdit, onAction }: ProviderTableProps) {
  const serviceNames = new Map(services.map((service) => [service.id, service.name]));
  const emails = new Map((staffAccounts ?? []).map((member) => [member.id, member.email]));
  const sorted = [...providers].sort((a, b) => Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName));
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Clinics</Table.Th>
            <Table.Th>Services</Table.Th>
            <Table.Th>Video room</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th w={canManage ? 56 : 120}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((provider) => {
            const performs = provider.serviceIds.map((serviceId) => serviceNames.get(serviceId) ?? 'Unknown service').sort();
            const email = emails.get(provider.staffId);
            return (
              <Table.Tr key={provider.id}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <ColorSwatch color={provider.color} size={18} aria-hidden="true" style={{ flexShrink: 0 }} />
                    <Stack gap={0}>
                      <Text size="sm" fw={600} c={provider.active ? undefined : 'dimmed'}>
                        {provider.displayName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[provider.title, email].filter(Boolean).join(' · ') || '—'}
                      </Text>
                    </Stack>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={provider.clinicIds.length === 0 ? 'orange.8' : undefined}>
                    {provider.clinicIds.length === 0
                      ? 'No clinic yet'
                      : provider.clinicIds.map((clinicId) => clinicNames.get(clinicId) ?? '?').join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {performs.length === 0 ? (
                    <Text size="sm" c="orange.8">
                      No services yet
                    </Text>
                  ) : (
                    <Tooltip label={performs.join(' · ')} position="bottom-start">
                      <Text size="sm" style={{ cursor: 'help', whiteSpace: 'nowrap' }} tabIndex={0}>
                        {performs.length === 1 ? '1 service' : `${performs.length} services`}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td>
                  {provider.virtualRoomUrl ? (
                    <Group gap={4} wrap="nowrap" style={{ whiteSpace: 'nowrap' }}>
                      <IconVideo size={16} stroke={1.6} color="var(--mantine-color-lagoon-7)" aria-hidden="true" />
                      <Text size="sm">Room link</Text>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      None
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <RecordStatusBadge active={provider.active} />
                </Table.Td>
                <Table.Td>
                  {canManage ? (
                    <RecordRowMenu
                      name={provider.displayName}
                      active={provider.active}
                      onEdit={() => onEdit(provider)}
                      onAction={(action) => onAction(provider, action)}
                    >
                      <Menu.Item leftSection={<IconCalendarTime size={16} />} component={Link} to={schedulePathFor(provider.id)}>
                        Working hours
                      </Menu.Item>
                    </RecordRowMenu>
                  ) : (
                    <Anchor component={Link} to={schedulePathFor(provider.id)} size="sm">
                      Working hours
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import type { Clinic, Resource } from '@glowdesk/contracts';
import { Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import { Fragment } from 'react';
import type { RecordAction } from '../shared/record-action.ts';
import { RecordRowMenu } from '../shared/record-row-menu.tsx';
import { RecordStatusBadge } from '../shared/record-status-badge.tsx';
import { resourceKindLabels } from './resource-kinds.ts';

interface ResourceTableProps {
  resources: readonly Resource[];
  clinics: readonly Clinic[];
  /** How many active services need each resource, by resource id. */
  serviceCounts: ReadonlyMap<string, number>;
  canManage: boolean;
  onEdit: (resource: Resource) => void;
  onAction: (resource: Resource, action: RecordAction) => void;
}

/** Rooms first: they are what most services need. */
const kindOrder: Record<Resource['kind'], number> = { room: 0, equipment: 1 };

function byKindThenName(a: Resource, b: Resource): number {
  return Number(b.active) - Number(a.active) || kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name);
}

function describeServiceCount(count: number): string {
  if (count === 0) return 'No services';
  return count === 1 ? '1 service' : `${count} services`;
}

/** Rooms and equipment grouped under their clinic. */
export function ResourceTable({ resources, clinics, serviceCounts, canManage, onEdit, onAction }: ResourceTableProps) {
  const groups = clinics
    .map((clinic) => ({ clinic, resources: resources.filter((resource) => resource.clinicId === clinic.id).sort(byKindThenName) }))
    .filter((group) => group.resources.length > 0);
  const columns = canManage ? 6 : 5;
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Capacity</Table.Th>
            <Table.Th>Needed by</Table.Th>
            <Table.Th>Status</Table.Th>
            {canManage && (
              <Table.Th w={56}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map(({ clinic, resources: atClinic }) => (
            <Fragment key={clinic.id}>
              <Table.Tr bg="var(--mantine-color-gray-0)">
                <Table.Th colSpan={columns} scope="colgroup" py={6}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                    {clinic.name}
                  </Text>
                </Table.Th>
              </Table.Tr>
              {atClinic.map((resource) => {
                const services = serviceCounts.get(resource.id) ?? 0;
                return (
                  <Table.Tr key={resource.id}>
                    <Table.Td>
                      <Text size="sm" fw={600} c={resource.active ? undefined : 'dimmed'}>
                        {resource.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color={resource.kind === 'room' ? 'lagoon' : 'blush'} tt="none" fw={600} miw="max-content">
                        {resourceKindLabels[resource.kind]}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{resource.quantity === 1 ? '1 at a time' : `${resource.quantity} at a time`}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" c={services === 0 ? 'dimmed' : undefined}>
                        {describeServiceCount(services)}
                      </Text>
                    </Table.Td>
                    <Table.Td w={110}>
                      <RecordStatusBadge active={resource.active} />
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <RecordRowMenu
                          name={`${resource.name}, ${clinic.name}`}
                          active={resource.active}
                          onEdit={() => onEdit(resource)}
                          onAction={(action) => onAction(resource, action)}
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

import { staffRoleLabels, type StaffMember } from '@glowdesk/contracts';
import { Badge, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import type { StaffViewer } from '../staff-roles.ts';
import { StaffRowMenu } from './staff-row-menu.tsx';
import { StaffStatusBadge } from './staff-status-badge.tsx';

interface StaffTableProps {
  members: StaffMember[];
  viewer: StaffViewer;
  /** The practice's IANA zone, for the "Created" date. */
  timeZone: string;
  onChangeRole: (member: StaffMember) => void;
  onChangeStatus: (member: StaffMember) => void;
  onToggleMedicalDirector?: ((member: StaffMember) => void) | undefined;
}

/** Active accounts first, then by name. */
function byStatusThenName(a: StaffMember, b: StaffMember): number {
  if (a.active !== b.active) return a.active ? -1 : 1;
  return a.displayName.localeCompare(b.displayName);
}

export function StaffTable({ members, viewer, timeZone, onChangeRole, onChangeStatus, onToggleMedicalDirector }: StaffTableProps) {
  const createdFormat = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium' });
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th w={56}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...members].sort(byStatusThenName).map((member) => (
            <Table.Tr key={member.id} c={member.active ? undefined : 'dimmed'}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600} c={member.active ? undefined : 'dimmed'}>
                    {member.displayName}
                  </Text>
                  {member.id === viewer.staffId && (
                    <Badge size="xs" variant="outline" color="gray" tt="none">
                      You
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{member.email}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{staffRoleLabels[member.role]}</Text>
                {member.medicalDirector && (
                  <Badge size="xs" variant="light" color="grape" tt="none">
                    Medical director
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <StaffStatusBadge active={member.active} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{createdFormat.format(new Date(member.createdAt))}</Text>
              </Table.Td>
              <Table.Td>
                <StaffRowMenu
                  member={member}
                  viewer={viewer}
                  onChangeRole={onChangeRole}
                  onChangeStatus={onChangeStatus}
                  onToggleMedicalDirector={onToggleMedicalDirector}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

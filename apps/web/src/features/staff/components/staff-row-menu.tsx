import type { StaffMember } from '@glowdesk/contracts';
import { ActionIcon, Menu, Stack, Text } from '@mantine/core';
import { IconDots, IconSignature, IconUserCheck, IconUserCog, IconUserOff } from '@tabler/icons-react';
import { roleChangeRestriction, statusChangeRestriction, type StaffViewer } from '../staff-roles.ts';

interface StaffRowMenuProps {
  member: StaffMember;
  viewer: StaffViewer;
  onChangeRole: (member: StaffMember) => void;
  onChangeStatus: (member: StaffMember) => void;
  /** Absent for viewers who cannot change it (only owners and admins can). */
  onToggleMedicalDirector?: ((member: StaffMember) => void) | undefined;
}

function ItemLabel({ label, restriction }: { label: string; restriction: string | undefined }) {
  if (!restriction) return label;
  return (
    <Stack gap={0}>
      <span>{label}</span>
      <Text size="xs" c="dimmed">
        {restriction}
      </Text>
    </Stack>
  );
}

export function StaffRowMenu({ member, viewer, onChangeRole, onChangeStatus, onToggleMedicalDirector }: StaffRowMenuProps) {
  const roleRestriction = roleChangeRestriction(viewer, member);
  const statusRestriction = statusChangeRestriction(viewer, member);
  return (
    <Menu position="bottom-end" width={250} shadow="md" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${member.displayName}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconUserCog size={16} />}
          disabled={roleRestriction !== undefined || !member.active}
          onClick={() => onChangeRole(member)}
        >
          <ItemLabel label="Change role" restriction={roleRestriction ?? (member.active ? undefined : 'Reactivate the account first.')} />
        </Menu.Item>
        {onToggleMedicalDirector && (
          <Menu.Item
            leftSection={<IconSignature size={16} />}
            disabled={member.role === 'front_desk' || !member.active}
            onClick={() => onToggleMedicalDirector(member)}
          >
            <ItemLabel
              label={member.medicalDirector ? 'Remove medical director' : 'Make medical director'}
              restriction={member.role === 'front_desk' ? 'Front desk accounts cannot co-sign charts.' : undefined}
            />
          </Menu.Item>
        )}
        {member.active ? (
          <Menu.Item
            color="red"
            leftSection={<IconUserOff size={16} />}
            disabled={statusRestriction !== undefined}
            onClick={() => onChangeStatus(member)}
          >
            <ItemLabel label="Deactivate" restriction={statusRestriction} />
          </Menu.Item>
        ) : (
          <Menu.Item
            leftSection={<IconUserCheck size={16} />}
            disabled={statusRestriction !== undefined}
            onClick={() => onChangeStatus(member)}
          >
            <ItemLabel label="Reactivate" restriction={statusRestriction} />
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

import { staffRoleLabels, staffRoleSchema, type StaffMember, type StaffRole } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useUpdateStaff } from '../api/update-staff.ts';
import { roleSelectData, staffRoleDescriptions } from '../staff-roles.ts';
import { describeStaffChangeProblem } from './staff-change-problem.ts';
import { useRetainedMember } from './use-retained-member.ts';

interface ChangeRoleModalProps {
  /** The account being changed; null keeps the modal closed. */
  member: StaffMember | null;
  viewerRole: StaffRole;
  onClose: () => void;
}

export function ChangeRoleModal({ member: selected, viewerRole, onClose }: ChangeRoleModalProps) {
  const member = useRetainedMember(selected);
  return (
    <Modal opened={selected !== null} onClose={onClose} title="Change role" size="md">
      {member && <ChangeRoleForm key={member.id} member={member} viewerRole={viewerRole} onClose={onClose} />}
    </Modal>
  );
}

function ChangeRoleForm({ member, viewerRole, onClose }: { member: StaffMember; viewerRole: StaffRole; onClose: () => void }) {
  const [role, setRole] = useState<StaffRole>(member.role);
  const updateStaff = useUpdateStaff();
  const unchanged = role === member.role;

  function confirm() {
    updateStaff.mutate(
      { staffId: member.id, expectedVersion: member.version, changes: { role } },
      {
        onSuccess: (updated) => {
          notifications.show({
            color: 'lagoon',
            title: 'Role changed',
            message: `${updated.displayName} is now ${staffRoleLabels[updated.role]}.`,
          });
          onClose();
        },
      },
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        <strong>{member.displayName}</strong> is currently <strong>{staffRoleLabels[member.role]}</strong>. The new role decides what they
        can see and change from their next action on.
      </Text>
      {updateStaff.isError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {describeStaffChangeProblem(updateStaff.error)}
        </Alert>
      )}
      <Select
        label="New role"
        data={roleSelectData(viewerRole)}
        value={role}
        onChange={(value) => setRole(staffRoleSchema.safeParse(value).data ?? member.role)}
        description={staffRoleDescriptions[role]}
        allowDeselect={false}
        data-autofocus
      />
      <Group justify="flex-end" gap="sm" mt="xs">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={confirm} disabled={unchanged} loading={updateStaff.isPending}>
          Change role
        </Button>
      </Group>
    </Stack>
  );
}

import type { StaffMember } from '@glowdesk/contracts';
import { Button, Paper, Skeleton, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { notifications } from '@mantine/notifications';
import { useStaff } from '../api/get-staff.ts';
import { useUpdateStaff } from '../api/update-staff.ts';
import type { StaffViewer } from '../staff-roles.ts';
import { AddStaffModal } from './add-staff-modal.tsx';
import { ChangeRoleModal } from './change-role-modal.tsx';
import { StaffStatusModal } from './staff-status-modal.tsx';
import { StaffTable } from './staff-table.tsx';

function StaffTableSkeleton() {
  return (
    <Stack gap="sm" p="md" aria-label="Loading staff" role="status">
      {[0, 1, 2, 3].map((row) => (
        <Skeleton key={row} height={28} radius="sm" />
      ))}
    </Stack>
  );
}

interface StaffDirectoryProps {
  viewer: StaffViewer;
  /** The practice's IANA zone, for dates. */
  timeZone: string;
}

/** Settings → Staff: who can sign in to the practice, with what role. */
export function StaffDirectory({ viewer, timeZone }: StaffDirectoryProps) {
  const staff = useStaff();
  const [adding, addModal] = useDisclosure(false);
  const [roleTarget, setRoleTarget] = useState<StaffMember | null>(null);
  const [statusTarget, setStatusTarget] = useState<StaffMember | null>(null);
  const updateStaff = useUpdateStaff();

  const toggleMedicalDirector = (member: StaffMember) =>
    updateStaff.mutate(
      { staffId: member.id, expectedVersion: member.version, changes: { medicalDirector: !member.medicalDirector } },
      {
        onSuccess: (updated) =>
          notifications.show({
            color: 'lagoon',
            title: updated.medicalDirector ? 'Medical director added' : 'Medical director removed',
            message: updated.medicalDirector
              ? `${updated.displayName} now reviews and co-signs charts in MD Review.`
              : `${updated.displayName} no longer co-signs charts.`,
          }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'The change was not saved',
            message: isApiProblem(error) ? error.detail : 'Try again.',
          }),
      },
    );

  if (isApiProblem(staff.error, 403)) {
    return (
      <>
        <PageHeader title="Staff" size="section" />
        <RestrictedNotice title="Your role cannot manage staff accounts">
          Owners and admins add staff, change roles and deactivate accounts. Ask one of them for help.
        </RestrictedNotice>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Staff"
        size="section"
        description="Everyone who can sign in to the practice, and what their role lets them do."
        actions={
          <Button leftSection={<IconUserPlus size={18} />} onClick={addModal.open}>
            Add staff member
          </Button>
        }
      />
      {staff.isError ? (
        <LoadError what="the staff list" error={staff.error} onRetry={() => void staff.refetch()} />
      ) : staff.data?.length === 0 ? (
        <EmptyStateCard
          icon={<IconUsersGroup size={26} stroke={1.6} />}
          title="No staff accounts yet"
          description="Add your providers and front desk so each person signs in with their own account."
          actions={<Button onClick={addModal.open}>Add staff member</Button>}
        />
      ) : (
        <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
          {staff.data ? (
            <StaffTable
              members={staff.data}
              viewer={viewer}
              timeZone={timeZone}
              onChangeRole={setRoleTarget}
              onChangeStatus={setStatusTarget}
              onToggleMedicalDirector={viewer.role === 'owner' || viewer.role === 'admin' ? toggleMedicalDirector : undefined}
            />
          ) : (
            <StaffTableSkeleton />
          )}
        </Paper>
      )}
      <AddStaffModal opened={adding} onClose={addModal.close} viewerRole={viewer.role} />
      <ChangeRoleModal member={roleTarget} viewerRole={viewer.role} onClose={() => setRoleTarget(null)} />
      <StaffStatusModal member={statusTarget} onClose={() => setStatusTarget(null)} />
    </>
  );
}

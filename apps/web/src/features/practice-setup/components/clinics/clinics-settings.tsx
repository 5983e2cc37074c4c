import type { Clinic } from '@glowdesk/contracts';
import { Button, Group } from '@mantine/core';
import { IconBuildingHospital, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyStateCard } from '../../../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../../../shared/layout/page-header.tsx';
import { useDeleteClinic } from '../../api/delete-clinic.ts';
import { useClinics } from '../../api/get-clinics.ts';
import { useUpdateClinic } from '../../api/update-clinic.ts';
import { filterByStatus, type StatusFilter } from '../../record-status.ts';
import type { RecordActionRequest } from '../shared/record-action.ts';
import { RecordActionModal } from '../shared/record-action-modal.tsx';
import { SetupList } from '../shared/setup-list.tsx';
import { StatusFilterControl } from '../shared/status-filter-control.tsx';
import { ViewOnlyNotice } from '../shared/view-only-notice.tsx';
import { ClinicFormModal, type ClinicFormTarget } from './clinic-form-modal.tsx';
import { ClinicTable } from './clinic-table.tsx';

interface ClinicsSettingsProps {
  /** Owners and admins change clinics; everyone else sees them. */
  canManage: boolean;
  /** The practice's zone, for a new clinic. */
  practiceTimeZone: string;
}

/** Settings → Clinics: the practice's locations, each with its own time zone and booking rules. */
export function ClinicsSettings({ canManage, practiceTimeZone }: ClinicsSettingsProps) {
  const clinics = useClinics();
  const updateClinic = useUpdateClinic();
  const deleteClinic = useDeleteClinic();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [formTarget, setFormTarget] = useState<ClinicFormTarget | null>(null);
  const [actionRequest, setActionRequest] = useState<RecordActionRequest<Clinic> | null>(null);
  const visible = filterByStatus(clinics.data ?? [], status);
  const addClinic = () => setFormTarget({ clinic: null });

  return (
    <>
      <PageHeader
        title="Clinics"
        size="section"
        description="Your locations. Each has its own time zone: weekly hours, bookings and reminders there use it."
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} />} onClick={addClinic}>
              Add clinic
            </Button>
          )
        }
      />
      {!canManage && <ViewOnlyNotice what="clinics" />}
      {clinics.data && clinics.data.length > 0 && (
        <Group mb="md">
          <StatusFilterControl value={status} onChange={setStatus} records={clinics.data} />
        </Group>
      )}
      <SetupList
        what="clinics"
        query={clinics}
        visible={visible}
        onClearFilters={() => setStatus('all')}
        emptyState={
          <EmptyStateCard
            icon={<IconBuildingHospital size={26} stroke={1.6} />}
            title={canManage ? 'Add your first clinic' : 'No clinics yet'}
            description={
              canManage
                ? 'Start with where patients come: its address, time zone and how bookings work there. Rooms, services and schedules come next.'
                : 'An owner or admin adds the practice’s clinics here.'
            }
            actions={canManage && <Button onClick={addClinic}>Add clinic</Button>}
          />
        }
      >
        {(rows) => (
          <ClinicTable
            clinics={rows}
            canManage={canManage}
            onEdit={(clinic) => setFormTarget({ clinic })}
            onAction={(record, action) => setActionRequest({ record, action })}
          />
        )}
      </SetupList>
      <ClinicFormModal target={formTarget} defaultTimeZone={practiceTimeZone} onClose={() => setFormTarget(null)} />
      <RecordActionModal
        request={actionRequest}
        noun="clinic"
        nameOf={(clinic) => clinic.name}
        deactivateConsequence="Nothing new can be booked at this clinic, and it leaves the booking pages. Existing appointments, rooms and schedules stay as they are."
        reactivateConsequence="The clinic can take bookings again with its rooms, services and schedules."
        setActive={(clinic, active) =>
          updateClinic.mutateAsync({ clinicId: clinic.id, expectedVersion: clinic.version, changes: { active } })
        }
        remove={(clinic) => deleteClinic.mutateAsync(clinic.id)}
        onClose={() => setActionRequest(null)}
      />
    </>
  );
}

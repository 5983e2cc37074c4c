import type { Resource } from '@glowdesk/contracts';
import { Button, Group, Select } from '@mantine/core';
import { IconBuildingHospital, IconDoor, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { EmptyStateCard } from '../../../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../../../shared/layout/page-header.tsx';
import { useDeleteResource } from '../../api/delete-resource.ts';
import { useClinics } from '../../api/get-clinics.ts';
import { useResources } from '../../api/get-resources.ts';
import { useServices } from '../../api/get-services.ts';
import { useUpdateResource } from '../../api/update-resource.ts';
import { filterByStatus, type StatusFilter } from '../../record-status.ts';
import type { RecordActionRequest } from '../shared/record-action.ts';
import { RecordActionModal } from '../shared/record-action-modal.tsx';
import { SetupList } from '../shared/setup-list.tsx';
import { StatusFilterControl } from '../shared/status-filter-control.tsx';
import { ViewOnlyNotice } from '../shared/view-only-notice.tsx';
import { ResourceFormModal, type ResourceFormTarget } from './resource-form-modal.tsx';
import { ResourceTable } from './resource-table.tsx';

/** Settings → Rooms & equipment: what each clinic has, and how many bookings each can hold at once. */
export function ResourcesSettings({ canManage }: { canManage: boolean }) {
  const resources = useResources();
  const clinics = useClinics();
  const services = useServices();
  const updateResource = useUpdateResource();
  const deleteResource = useDeleteResource();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [clinicId, setClinicId] = useState<string | null>(null);
  const [formTarget, setFormTarget] = useState<ResourceFormTarget | null>(null);
  const [actionRequest, setActionRequest] = useState<RecordActionRequest<Resource> | null>(null);

  const serviceCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const service of services.data ?? []) {
      if (!service.active) continue;
      for (const resourceId of service.resourceIds) counts.set(resourceId, (counts.get(resourceId) ?? 0) + 1);
    }
    return counts;
  }, [services.data]);

  const allClinics = clinics.data ?? [];
  const atClinic = (resources.data ?? []).filter((resource) => clinicId === null || resource.clinicId === clinicId);
  const visible = filterByStatus(atClinic, status);
  const noClinics = clinics.data !== undefined && clinics.data.length === 0;
  const addResource = () => setFormTarget({ resource: null, clinicId: clinicId ?? undefined });

  return (
    <>
      <PageHeader
        title="Rooms & equipment"
        size="section"
        description="Each clinic's treatment rooms and devices. A service that needs one is only offered when a unit is free, so two lasers are never promised to three patients."
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} />} onClick={addResource} disabled={noClinics}>
              Add room or equipment
            </Button>
          )
        }
      />
      {!canManage && <ViewOnlyNotice what="rooms and equipment" />}
      {resources.data && resources.data.length > 0 && (
        <Group mb="md" gap="md" wrap="wrap">
          <StatusFilterControl value={status} onChange={setStatus} records={atClinic} />
          {allClinics.length > 1 && (
            <Select
              aria-label="Clinic"
              placeholder="All clinics"
              data={allClinics.map((clinic) => ({ value: clinic.id, label: clinic.name }))}
              value={clinicId}
              onChange={setClinicId}
              clearable
              w={{ base: '100%', sm: 300 }}
              leftSection={<IconBuildingHospital size={16} stroke={1.6} />}
            />
          )}
        </Group>
      )}
      <SetupList
        what="rooms and equipment"
        query={resources}
        visible={visible}
        onClearFilters={() => {
          setStatus('all');
          setClinicId(null);
        }}
        emptyState={
          noClinics ? (
            <EmptyStateCard
              icon={<IconBuildingHospital size={26} stroke={1.6} />}
              title="Add a clinic first"
              description="Rooms and equipment belong to a clinic. Add the clinic, then come back to list what it has."
              actions={
                canManage && (
                  <Button component={Link} to="/settings/clinics">
                    Go to Clinics
                  </Button>
                )
              }
            />
          ) : (
            <EmptyStateCard
              icon={<IconDoor size={26} stroke={1.6} />}
              title={canManage ? 'Add your first room or piece of equipment' : 'No rooms or equipment yet'}
              description={
                canManage
                  ? 'List treatment rooms and devices such as lasers, then choose which services need them.'
                  : 'An owner or admin lists each clinic’s rooms and devices here.'
              }
              actions={canManage && <Button onClick={addResource}>Add room or equipment</Button>}
            />
          )
        }
      >
        {(rows) => (
          <ResourceTable
            resources={rows}
            clinics={allClinics}
            serviceCounts={serviceCounts}
            canManage={canManage}
            onEdit={(resource) => setFormTarget({ resource })}
            onAction={(record, action) => setActionRequest({ record, action })}
          />
        )}
      </SetupList>
      <ResourceFormModal target={formTarget} clinics={allClinics} onClose={() => setFormTarget(null)} />
      <RecordActionModal
        request={actionRequest}
        noun="resource"
        nameOf={(resource) => resource.name}
        deactivateConsequence="Services that need it cannot be booked at this clinic until it is reactivated or they stop needing it. Existing appointments keep it."
        reactivateConsequence="Services that need it can be booked with it again."
        setActive={(resource, active) =>
          updateResource.mutateAsync({ resourceId: resource.id, expectedVersion: resource.version, changes: { active } })
        }
        remove={(resource) => deleteResource.mutateAsync(resource.id)}
        onClose={() => setActionRequest(null)}
      />
    </>
  );
}

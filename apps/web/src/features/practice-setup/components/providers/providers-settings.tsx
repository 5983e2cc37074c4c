import type { Provider, StaffMember } from '@glowdesk/contracts';
import { Button, Group } from '@mantine/core';
import { IconPlus, IconStethoscope } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { EmptyStateCard } from '../../../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../../../shared/layout/page-header.tsx';
import { useDeleteProvider } from '../../api/delete-provider.ts';
import { useClinics } from '../../api/get-clinics.ts';
import { useProviders } from '../../api/get-providers.ts';
import { useServices } from '../../api/get-services.ts';
import { useUpdateProvider } from '../../api/update-provider.ts';
import { shortClinicNames } from '../../clinic-short-names.ts';
import { filterByStatus, type StatusFilter } from '../../record-status.ts';
import type { RecordActionRequest } from '../shared/record-action.ts';
import { RecordActionModal } from '../shared/record-action-modal.tsx';
import { SetupList } from '../shared/setup-list.tsx';
import { StatusFilterControl } from '../shared/status-filter-control.tsx';
import { ViewOnlyNotice } from '../shared/view-only-notice.tsx';
import { ProviderFormModal, type ProviderFormTarget } from './provider-form-modal.tsx';
import { ProviderTable } from './provider-table.tsx';

interface ProvidersSettingsProps {
  canManage: boolean;
  /** Staff accounts, for choosing who becomes a provider; owners and admins only, undefined otherwise or while loading. */
  staffAccounts: readonly StaffMember[] | undefined;
}

/** Settings → Providers: the staff who take bookings, where they work and what they perform. */
export function ProvidersSettings({ canManage, staffAccounts }: ProvidersSettingsProps) {
  const providers = useProviders();
  const clinics = useClinics();
  const services = useServices();
  const updateProvider = useUpdateProvider();
  const deleteProvider = useDeleteProvider();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [formTarget, setFormTarget] = useState<ProviderFormTarget | null>(null);
  const [actionRequest, setActionRequest] = useState<RecordActionRequest<Provider> | null>(null);
  const allClinics = useMemo(() => clinics.data ?? [], [clinics.data]);
  const clinicNames = useMemo(() => shortClinicNames(allClinics), [allClinics]);
  const visible = filterByStatus(providers.data ?? [], status);
  const addProvider = () => setFormTarget({ provider: null });

  return (
    <>
      <PageHeader
        title="Providers"
        size="section"
        description="Staff members who take bookings: the clinics they work at, the services they perform and their calendar color. Their hours are set under Schedules."
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} />} onClick={addProvider}>
              Add provider
            </Button>
          )
        }
      />
      {!canManage && <ViewOnlyNotice what="providers" />}
      {providers.data && providers.data.length > 0 && (
        <Group mb="md">
          <StatusFilterControl value={status} onChange={setStatus} records={providers.data} />
        </Group>
      )}
      <SetupList
        what="providers"
        query={providers}
        visible={visible}
        onClearFilters={() => setStatus('all')}
        emptyState={
          <EmptyStateCard
            icon={<IconStethoscope size={26} stroke={1.6} />}
            title={canManage ? 'Add your first provider' : 'No providers yet'}
            description={
              canManage
                ? 'Make a staff member bookable: choose their account, the clinics they work at and the services they perform.'
                : 'An owner or admin makes staff members bookable here.'
            }
            actions={canManage && <Button onClick={addProvider}>Add provider</Button>}
          />
        }
      >
        {(rows) => (
          <ProviderTable
            providers={rows}
            services={services.data ?? []}
            clinicNames={clinicNames}
            staffAccounts={staffAccounts}
            canManage={canManage}
            onEdit={(provider) => setFormTarget({ provider })}
            onAction={(record, action) => setActionRequest({ record, action })}
          />
        )}
      </SetupList>
      <ProviderFormModal
        target={formTarget}
        choices={{ staffAccounts, providers: providers.data ?? [], clinics: allClinics, services: services.data ?? [] }}
        onClose={() => setFormTarget(null)}
      />
      <RecordActionModal
        request={actionRequest}
        noun="provider"
        nameOf={(provider) => provider.displayName}
        deactivateConsequence="They are no longer offered for new bookings. Their existing appointments, schedule and staff account stay as they are."
        reactivateConsequence="They can be booked again within their working hours."
        setActive={(provider, active) =>
          updateProvider.mutateAsync({ providerId: provider.id, expectedVersion: provider.version, changes: { active } })
        }
        remove={(provider) => deleteProvider.mutateAsync(provider.id)}
        onClose={() => setActionRequest(null)}
      />
    </>
  );
}

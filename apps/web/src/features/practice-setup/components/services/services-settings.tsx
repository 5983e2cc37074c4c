import type { Service } from '@glowdesk/contracts';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconBuildingHospital, IconPlus, IconSearch, IconSparkles } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { EmptyStateCard } from '../../../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../../../shared/layout/page-header.tsx';
import { useDeleteService } from '../../api/delete-service.ts';
import { useClinics } from '../../api/get-clinics.ts';
import { useProviders } from '../../api/get-providers.ts';
import { useResources } from '../../api/get-resources.ts';
import { useServices } from '../../api/get-services.ts';
import { useUpdateService } from '../../api/update-service.ts';
import { shortClinicNames } from '../../clinic-short-names.ts';
import { filterByStatus, type StatusFilter } from '../../record-status.ts';
import type { RecordActionRequest } from '../shared/record-action.ts';
import { RecordActionModal } from '../shared/record-action-modal.tsx';
import { SetupList } from '../shared/setup-list.tsx';
import { StatusFilterControl } from '../shared/status-filter-control.tsx';
import { ViewOnlyNotice } from '../shared/view-only-notice.tsx';
import { ServiceFormDrawer, type ServiceFormChoices, type ServiceFormTarget } from './service-form-drawer.tsx';
import { ServiceTable } from './service-table.tsx';

function matchesSearch(service: Service, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [service.name, service.category ?? '', service.description ?? ''].some((text) => text.toLowerCase().includes(needle));
}

/** Settings → Services: the treatment menu, with prices, fees, what each needs and who performs it. */
export function ServicesSettings({ canManage }: { canManage: boolean }) {
  const services = useServices();
  const clinics = useClinics();
  const resources = useResources();
  const providers = useProviders();
  const updateService = useUpdateService();
  const deleteService = useDeleteService();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [search, setSearch] = useState('');
  const [clinicId, setClinicId] = useState<string | null>(null);
  const [formTarget, setFormTarget] = useState<ServiceFormTarget | null>(null);
  const [actionRequest, setActionRequest] = useState<RecordActionRequest<Service> | null>(null);

  const allClinics = useMemo(() => clinics.data ?? [], [clinics.data]);
  const clinicNames = useMemo(() => shortClinicNames(allClinics), [allClinics]);
  const choices: ServiceFormChoices = {
    clinics: allClinics,
    resources: resources.data ?? [],
    providers: providers.data ?? [],
    categories: [...new Set((services.data ?? []).flatMap((service) => (service.category ? [service.category] : [])))].sort(),
  };
  const matching = (services.data ?? []).filter(
    (service) => matchesSearch(service, search) && (clinicId === null || service.clinicIds.includes(clinicId)),
  );
  const visible = filterByStatus(matching, status);
  const addService = () => setFormTarget({ service: null });

  return (
    <>
      <PageHeader
        title="Services"
        size="section"
        description="Your treatment menu: how long each takes, what it costs, the fees for late cancellations and no-shows, where it is offered and who performs it."
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} />} onClick={addService}>
              Add service
            </Button>
          )
        }
      />
      {!canManage && <ViewOnlyNotice what="services" />}
      {services.data && services.data.length > 0 && (
        <Group mb="md" gap="md" wrap="wrap">
          <StatusFilterControl value={status} onChange={setStatus} records={matching} />
          <TextInput
            aria-label="Search services"
            placeholder="Search services"
            leftSection={<IconSearch size={16} stroke={1.6} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: '100%', sm: 240 }}
          />
          {allClinics.length > 1 && (
            <Select
              aria-label="Clinic"
              placeholder="All clinics"
              data={allClinics.map((clinic) => ({ value: clinic.id, label: clinic.name }))}
              value={clinicId}
              onChange={setClinicId}
              clearable
              w={{ base: '100%', sm: 280 }}
              leftSection={<IconBuildingHospital size={16} stroke={1.6} />}
            />
          )}
        </Group>
      )}
      <SetupList
        what="services"
        query={services}
        visible={visible}
        onClearFilters={() => {
          setStatus('all');
          setSearch('');
          setClinicId(null);
        }}
        emptyState={
          <EmptyStateCard
            icon={<IconSparkles size={26} stroke={1.6} />}
            title={canManage ? 'Add your first service' : 'No services yet'}
            description={
              canManage
                ? 'Describe a treatment once — its length, price, fees and the rooms or devices it needs — and it can be booked at the clinics you choose.'
                : 'An owner or admin sets up the treatment menu here.'
            }
            actions={canManage && <Button onClick={addService}>Add service</Button>}
          />
        }
      >
        {(rows) => (
          <ServiceTable
            services={rows}
            clinics={allClinics}
            clinicNames={clinicNames}
            canManage={canManage}
            onEdit={(service) => setFormTarget({ service })}
            onAction={(record, action) => setActionRequest({ record, action })}
          />
        )}
      </SetupList>
      <ServiceFormDrawer target={formTarget} choices={choices} onClose={() => setFormTarget(null)} />
      <RecordActionModal
        request={actionRequest}
        noun="service"
        nameOf={(service) => service.name}
        deactivateConsequence="It leaves the menu: nobody can book it, online or at the desk, and packages that include it cannot be booked. Existing appointments stay."
        reactivateConsequence="It returns to the menu at the clinics and with the providers it had."
        setActive={(service, active) =>
          updateService.mutateAsync({ serviceId: service.id, expectedVersion: service.version, changes: { active } })
        }
        remove={(service) => deleteService.mutateAsync(service.id)}
        onClose={() => setActionRequest(null)}
      />
    </>
  );
}

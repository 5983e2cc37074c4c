import type { ServicePackage } from '@glowdesk/contracts';
import { Button, Group } from '@mantine/core';
import { IconPackages, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyStateCard } from '../../../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../../../shared/layout/page-header.tsx';
import { useDeleteServicePackage } from '../../api/delete-service-package.ts';
import { useServicePackages } from '../../api/get-service-packages.ts';
import { useServices } from '../../api/get-services.ts';
import { useUpdateServicePackage } from '../../api/update-service-package.ts';
import { filterByStatus, type StatusFilter } from '../../record-status.ts';
import type { RecordActionRequest } from '../shared/record-action.ts';
import { RecordActionModal } from '../shared/record-action-modal.tsx';
import { SetupList } from '../shared/setup-list.tsx';
import { StatusFilterControl } from '../shared/status-filter-control.tsx';
import { ViewOnlyNotice } from '../shared/view-only-notice.tsx';
import { PackageFormModal, type PackageFormTarget } from './package-form-modal.tsx';
import { PackageTable } from './package-table.tsx';

/** Settings → Packages: services booked back to back in one visit, at their own price. */
export function PackagesSettings({ canManage }: { canManage: boolean }) {
  const packages = useServicePackages();
  const services = useServices();
  const updatePackage = useUpdateServicePackage();
  const deletePackage = useDeleteServicePackage();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [formTarget, setFormTarget] = useState<PackageFormTarget | null>(null);
  const [actionRequest, setActionRequest] = useState<RecordActionRequest<ServicePackage> | null>(null);
  const allServices = services.data ?? [];
  const visible = filterByStatus(packages.data ?? [], status);
  const tooFewServices = services.data !== undefined && services.data.filter((service) => service.active).length < 2;
  const addPackage = () => setFormTarget({ servicePackage: null });

  return (
    <>
      <PageHeader
        title="Packages"
        size="section"
        description="Two or more services booked back to back in one visit, in the order listed, at a package price."
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} />} onClick={addPackage} disabled={tooFewServices}>
              Add package
            </Button>
          )
        }
      />
      {!canManage && <ViewOnlyNotice what="packages" />}
      {packages.data && packages.data.length > 0 && (
        <Group mb="md">
          <StatusFilterControl value={status} onChange={setStatus} records={packages.data} />
        </Group>
      )}
      <SetupList
        what="packages"
        query={packages}
        visible={visible}
        onClearFilters={() => setStatus('all')}
        emptyState={
          <EmptyStateCard
            icon={<IconPackages size={26} stroke={1.6} />}
            title={canManage ? 'Add your first package' : 'No packages yet'}
            description={
              !canManage
                ? 'An owner or admin sets up packages here.'
                : tooFewServices
                  ? 'A package combines at least two services. Add your services first.'
                  : 'Combine services patients often book together — filler then Botox, a HydraFacial then IPL — at one price.'
            }
            actions={
              canManage &&
              (tooFewServices ? (
                <Button component={Link} to="/settings/services">
                  Go to Services
                </Button>
              ) : (
                <Button onClick={addPackage}>Add package</Button>
              ))
            }
          />
        }
      >
        {(rows) => (
          <PackageTable
            packages={rows}
            services={allServices}
            canManage={canManage}
            onEdit={(servicePackage) => setFormTarget({ servicePackage })}
            onAction={(record, action) => setActionRequest({ record, action })}
          />
        )}
      </SetupList>
      <PackageFormModal target={formTarget} services={allServices} onClose={() => setFormTarget(null)} />
      <RecordActionModal
        request={actionRequest}
        noun="package"
        nameOf={(servicePackage) => servicePackage.name}
        deactivateConsequence="It can no longer be booked. Its services stay bookable on their own, and existing appointments stay."
        reactivateConsequence="It can be booked again, as long as its services are active."
        setActive={(servicePackage, active) =>
          updatePackage.mutateAsync({ servicePackageId: servicePackage.id, expectedVersion: servicePackage.version, changes: { active } })
        }
        remove={(servicePackage) => deletePackage.mutateAsync(servicePackage.id)}
        onClose={() => setActionRequest(null)}
      />
    </>
  );
}

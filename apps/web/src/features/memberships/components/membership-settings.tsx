import type { Coupon, MembershipPlan } from '@glowdesk/contracts';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDiscount, IconIdBadge2, IconPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { usePaperworkTemplates } from '../../paperwork/api/get-paperwork-templates.ts';
import { useClinics } from '../../practice-setup/api/get-clinics.ts';
import { useServices } from '../../practice-setup/api/get-services.ts';
import { SetupTableSkeleton } from '../../practice-setup/components/shared/setup-table-skeleton.tsx';
import { useCoupons } from '../api/get-coupons.ts';
import { useMembershipPlans } from '../api/get-membership-plans.ts';
import { CatalogActiveModal, type CatalogActiveRequest } from './catalog-active-modal.tsx';
import { CouponEditModal } from './coupon-edit-modal.tsx';
import { CouponFormModal } from './coupon-form-modal.tsx';
import { CouponTable } from './coupon-table.tsx';
import { PlanFormModal, type PlanFormTarget } from './plan-form-modal.tsx';
import { PlanTable } from './plan-table.tsx';
import { RetryScheduleCard } from './retry-schedule-card.tsx';

const TITLE = 'Memberships';

function Section({
  id,
  title,
  description,
  action,
  children,
}: {
  id: string;
  title: string;
  description: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2} fz={18} id={id}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

/** Settings → Memberships: plans, coupon codes and the failed-payment retry schedule (owners and admins). */
export function MembershipSettings({ canManage }: { canManage: boolean }) {
  const plans = useMembershipPlans();
  const coupons = useCoupons();
  const clinics = useClinics();
  const services = useServices();
  const templates = usePaperworkTemplates();
  const [planTarget, setPlanTarget] = useState<PlanFormTarget | null>(null);
  const [addingCoupon, setAddingCoupon] = useState(false);
  const [editingCoupon, setEditingCoupon] = useState<Coupon | null>(null);
  const [activeRequest, setActiveRequest] = useState<CatalogActiveRequest | null>(null);
  const consentTemplates = (templates.data ?? []).filter((template) => template.kind === 'consent');
  const planList = plans.data ?? [];
  const activePlans = planList.filter((plan) => plan.active);
  const inactivePlans = planList.filter((plan) => !plan.active);

  if (!canManage) {
    return (
      <>
        <PageHeader title={TITLE} size="section" />
        <RestrictedNotice title="Owners and admins set up memberships">
          Membership plans, coupon codes and what happens to a declined payment are set up by the practice’s owners and admins. Members
          themselves are in the Memberships tab.
        </RestrictedNotice>
      </>
    );
  }

  const addPlan = () => setPlanTarget({ plan: null });

  function renderPlans() {
    if (plans.isError) return <LoadError what="the membership plans" error={plans.error} onRetry={() => void plans.refetch()} />;
    if (plans.isPending) return <SetupTableSkeleton label="Loading membership plans" />;
    if (planList.length === 0) {
      return (
        <EmptyStateCard
          icon={<IconIdBadge2 size={26} stroke={1.6} />}
          title="Add your first plan"
          description="A plan is what clients pay for each month or year — a monthly facial, member prices on injectables, credit to spend in the clinic. Clients enrol from their profile, or in the portal when the plan is sold online."
          actions={<Button onClick={addPlan}>Add plan</Button>}
        />
      );
    }
    const tableProps = {
      clinics: clinics.data ?? [],
      templates: templates.data ?? [],
      canManage,
      onEdit: (plan: MembershipPlan) => setPlanTarget({ plan }),
      onSetActive: (plan: MembershipPlan, active: boolean) => setActiveRequest({ kind: 'plan', plan, active }),
    };
    return (
      <Stack gap="md">
        {activePlans.length > 0 ? (
          <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
            <PlanTable plans={activePlans} label="Membership plans" {...tableProps} />
          </Paper>
        ) : (
          <Text size="sm" c="dimmed">
            Every plan is deactivated, so none is sold. Reactivate one below, or add a plan.
          </Text>
        )}
        {inactivePlans.length > 0 && (
          <Stack gap={6} component="section" aria-labelledby="inactive-plans-title">
            <div>
              <Title order={3} fz={15} id="inactive-plans-title">
                Inactive plans
              </Title>
              <Text size="sm" c="dimmed">
                No longer sold, at the front desk or online. Their members keep their billing, perks and price until they cancel.
              </Text>
            </div>
            <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
              <PlanTable plans={inactivePlans} label="Inactive membership plans" {...tableProps} />
            </Paper>
          </Stack>
        )}
      </Stack>
    );
  }

  function renderCoupons() {
    if (coupons.isError) return <LoadError what="the coupons" error={coupons.error} onRetry={() => void coupons.refetch()} />;
    if (coupons.isPending) return <SetupTableSkeleton label="Loading coupons" />;
    if (coupons.data.length === 0) {
      return (
        <EmptyStateCard
          icon={<IconDiscount size={26} stroke={1.6} />}
          title="No coupon codes yet"
          description="A coupon takes a percent or an amount off a membership's first payment, a number of payments, or every payment. The front desk or the client enters its code when enrolling."
          actions={
            <Button variant="light" onClick={() => setAddingCoupon(true)}>
              Add coupon
            </Button>
          }
        />
      );
    }
    return (
      <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
        <CouponTable
          coupons={coupons.data}
          plans={planList}
          canManage={canManage}
          onEdit={setEditingCoupon}
          onSetActive={(coupon, active) => setActiveRequest({ kind: 'coupon', coupon, active })}
        />
      </Paper>
    );
  }

  return (
    <>
      <PageHeader
        title={TITLE}
        size="section"
        description={
          <>
            Plans clients pay for each month or year, coupon codes, and what happens when a payment is declined. Members are listed in the{' '}
            <Anchor component={Link} to="/memberships" size="sm" underline="always">
              Memberships tab
            </Anchor>
            .
          </>
        }
      />
      <Stack gap="xl">
        <Section
          id="membership-plans-title"
          title="Plans"
          description="A new price applies to new members only: existing members keep the price they enrolled at."
          action={
            planList.length > 0 && (
              <Button leftSection={<IconPlus size={18} />} onClick={addPlan}>
                Add plan
              </Button>
            )
          }
        >
          {renderPlans()}
        </Section>
        <Section
          id="membership-coupons-title"
          title="Coupons"
          description="Codes entered when enrolling. Dates, the limit and the plans can be edited; the code, discount and duration stay as made."
          action={
            coupons.data &&
            coupons.data.length > 0 && (
              <Button variant="default" leftSection={<IconPlus size={18} />} onClick={() => setAddingCoupon(true)}>
                Add coupon
              </Button>
            )
          }
        >
          {renderCoupons()}
        </Section>
        <Section
          id="retry-schedule-title"
          title="Failed payments"
          description="When a member’s card is declined on the draw day, they are emailed, and the payment is tried again on these days."
        >
          <RetryScheduleCard canManage={canManage} />
        </Section>
      </Stack>
      <PlanFormModal
        target={planTarget}
        clinics={clinics.data ?? []}
        services={services.data ?? []}
        consentTemplates={consentTemplates}
        onClose={() => setPlanTarget(null)}
      />
      <CouponFormModal opened={addingCoupon} plans={activePlans} onClose={() => setAddingCoupon(false)} />
      <CouponEditModal coupon={editingCoupon} plans={planList} onClose={() => setEditingCoupon(null)} />
      <CatalogActiveModal request={activeRequest} onClose={() => setActiveRequest(null)} />
      {isApiProblem(templates.error) && (
        <Text size="xs" c="dimmed" mt="md">
          The consent forms could not be loaded, so plans show no agreement names: {templates.error.detail}
        </Text>
      )}
    </>
  );
}

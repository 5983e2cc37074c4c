import type { Coupon, MembershipPlan } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { fieldErrorsFromProblem, unplacedSaveProblem } from '../../practice-setup/form-errors.ts';
import { FormProblemAlert } from '../../practice-setup/components/shared/form-problem-alert.tsx';
import { useFieldErrors } from '../../practice-setup/components/shared/use-field-errors.ts';
import { useUpdateCoupon } from '../api/update-coupon.ts';
import { couponChangesOf, couponEditFields, couponEditValuesOf, describeCouponOffer, type CouponEditField } from '../coupon-form-values.ts';
import { CouponReachFields } from './coupon-reach-fields.tsx';

const DEFAULT_CURRENCY = 'USD';

/** Edit a coupon: valid dates, the redemption limit and the plans; the code, discount and duration stay. */
export function CouponEditModal({
  coupon,
  plans,
  onClose,
}: {
  coupon: Coupon | null;
  plans: readonly MembershipPlan[];
  onClose: () => void;
}) {
  const [retained, setRetained] = useState(coupon);
  if (coupon !== null && coupon !== retained) setRetained(coupon);
  const shown = coupon ?? retained;
  return (
    <Modal opened={coupon !== null} onClose={onClose} title={shown ? `Edit coupon ${shown.code}` : 'Edit coupon'} size="lg">
      {shown && <CouponEditForm key={shown.id} coupon={shown} plans={plans} onClose={onClose} />}
    </Modal>
  );
}

/** A 409 that no field explains, or a stale edit, in words for the person editing. */
function conflictMessage(error: unknown): string | undefined {
  if (isApiProblem(error, 409) && error.field === undefined) return error.detail;
  return unplacedSaveProblem(error, couponEditFields, 'coupon');
}

function CouponEditForm({ coupon, plans, onClose }: { coupon: Coupon; plans: readonly MembershipPlan[]; onClose: () => void }) {
  const [values, setValues] = useState(() => couponEditValuesOf(coupon));
  const { formRef, errors, setErrors, showErrors } = useFieldErrors<CouponEditField>();
  const update = useUpdateCoupon();
  const offer = describeCouponOffer(coupon, (cents) => formatMoney(cents, DEFAULT_CURRENCY));

  function set<F extends CouponEditField>(field: F, value: (typeof values)[F]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = couponChangesOf(values, coupon);
    if (!result.ok) return showErrors(result.errors);
    if (Object.keys(result.changes).length === 0) return onClose();
    update.mutate(
      { couponId: coupon.id, changes: result.changes, expectedVersion: coupon.version },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'lagoon', title: 'Coupon saved', message: `${saved.code} is updated.` });
          onClose();
        },
        onError: (error) => {
          if (isApiProblem(error)) showErrors(fieldErrorsFromProblem(error, couponEditFields));
        },
      },
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblemAlert message={conflictMessage(update.error)} />
        <Paper withBorder radius="md" p="sm" bg="gray.0">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconLock size={16} aria-hidden="true" style={{ marginTop: 2, flexShrink: 0 }} />
            <div>
              <Text size="sm" fw={600}>
                <Text span ff="monospace" fw={700}>
                  {coupon.code}
                </Text>
                : {offer.off}, {offer.duration.toLowerCase()}
              </Text>
              <Text size="xs" c="dimmed">
                The code, discount and duration do not change once a coupon is made: members who used it keep the discount they enrolled
                with. To offer a different discount, add a new coupon.
              </Text>
            </div>
          </Group>
        </Paper>
        {!coupon.active && (
          <Alert color="gray" variant="light" icon={<IconAlertCircle size={18} />}>
            This coupon is deactivated: enrolment refuses it until it is reactivated.
          </Alert>
        )}
        <CouponReachFields values={values} errors={errors} onChange={set} plans={plans} redemptionsSoFar={coupon.redemptions} autoFocus />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save coupon
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import type { Coupon, MembershipPlan } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useSetMembershipPlanActive } from '../api/set-membership-plan-active.ts';
import { useUpdateCoupon } from '../api/update-coupon.ts';

/** Deactivating or reactivating a plan or a coupon, waiting for confirmation. */
export type CatalogActiveRequest =
  { kind: 'plan'; plan: MembershipPlan; active: boolean } | { kind: 'coupon'; coupon: Coupon; active: boolean };

function nameOf(request: CatalogActiveRequest): string {
  return request.kind === 'plan' ? request.plan.name : request.coupon.code;
}

function explanation(request: CatalogActiveRequest): string {
  if (request.kind === 'plan') {
    if (request.active) {
      return 'The plan is sold again: the front desk can enrol clients in it and, when it is sold online, clients can join in the portal.';
    }
    const members = request.plan.activeMembers;
    const keep =
      members === 0
        ? 'It has no members.'
        : `Its ${members === 1 ? 'member keeps their' : `${members} members keep their`} billing, perks and price until they cancel.`;
    return `Nobody new can join: it leaves the front desk’s plan choice and the portal’s Become A Member. ${keep}`;
  }
  return request.active
    ? 'Enrolment accepts the code again, within its dates and redemption limit.'
    : 'Enrolment refuses the code, as it does an expired one. Members who already used it keep their discount.';
}

function problemMessage(error: unknown, noun: string): string {
  if (!isApiProblem(error)) return 'The change could not be saved. Try again.';
  if (error.status === 412) return `Someone else changed this ${noun} meanwhile. The list now shows their version: check it and try again.`;
  if (error.status === 403) return `Your role cannot change ${noun}s. Owners and admins can.`;
  return error.detail;
}

/** Confirms Deactivate or Reactivate for a membership plan or a coupon code. */
export function CatalogActiveModal({ request, onClose }: { request: CatalogActiveRequest | null; onClose: () => void }) {
  const [retained, setRetained] = useState(request);
  if (request !== null && request !== retained) setRetained(request);
  const shown = request ?? retained;
  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={shown ? `${shown.active ? 'Reactivate' : 'Deactivate'} ${shown.kind === 'plan' ? 'plan' : 'coupon'} ${nameOf(shown)}?` : ''}
      size="md"
    >
      {shown && <CatalogActiveBody key={`${shown.kind}:${nameOf(shown)}:${shown.active}`} request={shown} onClose={onClose} />}
    </Modal>
  );
}

function CatalogActiveBody({ request, onClose }: { request: CatalogActiveRequest; onClose: () => void }) {
  const setPlanActive = useSetMembershipPlanActive();
  const updateCoupon = useUpdateCoupon();
  const mutation = request.kind === 'plan' ? setPlanActive : updateCoupon;
  const noun = request.kind === 'plan' ? 'plan' : 'coupon';
  const { active } = request;

  function done() {
    notifications.show({
      color: active ? 'lagoon' : 'gray',
      title: `${request.kind === 'plan' ? 'Plan' : 'Coupon'} ${active ? 'reactivated' : 'deactivated'}`,
      message: nameOf(request),
    });
    onClose();
  }

  function confirm() {
    if (request.kind === 'plan') {
      setPlanActive.mutate({ planId: request.plan.id, active, expectedVersion: request.plan.version }, { onSuccess: done });
    } else {
      updateCoupon.mutate(
        { couponId: request.coupon.id, changes: { active }, expectedVersion: request.coupon.version },
        { onSuccess: done },
      );
    }
  }

  return (
    <Stack gap="md">
      <Text size="sm">{explanation(request)}</Text>
      {mutation.error && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {problemMessage(mutation.error, noun)}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm" mt="xs">
        <Button variant="default" onClick={onClose} data-autofocus>
          Cancel
        </Button>
        <Button color={active ? undefined : 'red'} onClick={confirm} loading={mutation.isPending}>
          {active ? 'Reactivate' : 'Deactivate'}
        </Button>
      </Group>
    </Stack>
  );
}

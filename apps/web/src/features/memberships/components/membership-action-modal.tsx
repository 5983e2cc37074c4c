import type { MembershipDetail } from '@glowdesk/contracts';
import { Modal } from '@mantine/core';
import { CancelMembershipForm } from './cancel-membership-form.tsx';
import { ChangeCardForm } from './change-card-form.tsx';
import { ConfirmMembershipChange } from './confirm-membership-change.tsx';
import { HoldMembershipForm } from './hold-membership-form.tsx';

export type MembershipAction = 'hold' | 'resume' | 'cancel' | 'change-card' | 'settle-payment';

const titles: Record<MembershipAction, string> = {
  hold: 'Hold membership',
  resume: 'Resume membership',
  cancel: 'Cancel membership',
  'change-card': 'Change card',
  'settle-payment': 'Settle payment',
};

/** The dialog of one action on a membership: each asks before it changes anything. */
export function MembershipActionModal({
  membership,
  action,
  onClose,
}: {
  membership: MembershipDetail;
  action: MembershipAction | null;
  onClose: () => void;
}) {
  const title = action ? `${titles[action]}: ${membership.planName}` : '';
  return (
    <Modal opened={action !== null} onClose={onClose} title={title} size="md">
      {action === 'hold' && <HoldMembershipForm membership={membership} onClose={onClose} />}
      {action === 'cancel' && <CancelMembershipForm membership={membership} onClose={onClose} />}
      {action === 'change-card' && <ChangeCardForm membership={membership} onClose={onClose} />}
      {(action === 'resume' || action === 'settle-payment') && (
        <ConfirmMembershipChange membership={membership} action={action} onClose={onClose} />
      )}
    </Modal>
  );
}

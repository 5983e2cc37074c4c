import type { MessageStatus } from '@glowdesk/contracts';
import { Badge, type BadgeProps } from '@mantine/core';
import { messageStatusColors, messageStatusLabels } from '../message-status.ts';

export function MessageStatusBadge({ status, size = 'sm' }: { status: MessageStatus; size?: BadgeProps['size'] }) {
  return (
    <Badge color={messageStatusColors[status]} variant="light" size={size} tt="none">
      {messageStatusLabels[status]}
    </Badge>
  );
}

import type { MessageDetail } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconSend } from '@tabler/icons-react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useResendMessage } from '../api/resend-message.ts';
import { recipientOf } from '../message-status.ts';

interface ResendMessageModalProps {
  message: MessageDetail | null;
  onClose: () => void;
  /** The new message (or the resend still waiting from before). */
  onResent: (resent: MessageDetail) => void;
}

/** Confirms before a message goes to the patient a second time. */
export function ResendMessageModal({ message, onClose, onResent }: ResendMessageModalProps) {
  const resend = useResendMessage();
  const channelNoun = message?.channel === 'sms' ? 'text message' : 'email';
  return (
    <Modal
      opened={message !== null}
      onClose={() => {
        resend.reset();
        onClose();
      }}
      title="Resend this message?"
      size="md"
    >
      {message && (
        <Stack gap="md">
          <Text size="sm">
            A new {channelNoun} with the same content{message.attachments.length > 0 ? ' and attachments' : ''} goes to{' '}
            <Text span fw={600}>
              {recipientOf(message)}
            </Text>
            . This message keeps its own delivery history.
          </Text>
          {message.status === 'held' && (
            <Text size="sm" c="dimmed">
              If no {message.channel === 'sms' ? 'SMS' : 'email'} provider is set up yet, the new one is held as well.
            </Text>
          )}
          {resend.error && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Not resent">
              {isApiProblem(resend.error) ? resend.error.detail : 'The message was not resent. Try again.'}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                resend.reset();
                onClose();
              }}
            >
              Cancel
            </Button>
            <Button
              leftSection={<IconSend size={16} />}
              loading={resend.isPending}
              onClick={() =>
                resend.mutate(message.id, {
                  onSuccess: (resent) => {
                    notifications.show({
                      color: 'lagoon',
                      title: 'Message resent',
                      message: `A new ${channelNoun} to ${recipientOf(resent)} is on its way.`,
                    });
                    resend.reset();
                    onResent(resent);
                  },
                })
              }
            >
              Resend
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

import type { MessageChannel, NotifyAppointmentRequest, NotifyAppointmentResult, NotifyPreview } from '@glowdesk/contracts';
import { Alert, Anchor, Button, Checkbox, Group, Modal, Paper, Skeleton, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendarEvent, IconFileText, IconMail, IconMessage, IconSend } from '@tabler/icons-react';
import { useState, type SubmitEvent, type ReactNode } from 'react';
import { isApiProblem, type ApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { formatClinicSpan } from '../../appointments/clinic-time.ts';
import { formatPhone } from '../../patients/format-phone.ts';
import { useNotifyPreview } from '../api/get-notify-preview.ts';
import { useNotifyAppointment } from '../api/notify-appointment.ts';
import type { NotificationPrompt } from '../notification-prompt.ts';
import { SmsLengthMeter } from './sms-length-meter.tsx';

const MESSAGE_MAX_LENGTH = 20_000;

type Field = 'channels' | 'subject' | 'message';
type FieldErrors = Partial<Record<Field, string>>;

const titles: Record<NotificationPrompt['kind'], string> = {
  confirmation: 'Send the booking confirmation?',
  reschedule: 'Tell the patient about the new time?',
  cancellation: 'Tell the patient about the cancellation?',
  no_show: 'Write to the patient about the missed visit?',
  fee_charged: 'Send the patient a receipt for the fee?',
};

function patientName(prompt: NotificationPrompt): string {
  const { patient } = prompt.appointment;
  return patient ? `${patient.firstName} ${patient.lastName}` : 'the patient';
}

function channelsLabel(channels: readonly MessageChannel[]): string {
  if (channels.length === 2) return 'An email and a text message';
  return channels[0] === 'email' ? 'An email' : 'A text message';
}

/** The channels ticked when the pop-up opens: the patient's preferred one, else whichever they can receive. */
function initialChannels(preview: NotifyPreview): MessageChannel[] {
  if (preview.available[preview.preferredChannel]) return [preview.preferredChannel];
  if (preview.available.email) return ['email'];
  if (preview.available.sms) return ['sms'];
  return [];
}

function fieldOf(serverField: string): Field | undefined {
  if (serverField === 'channels' || serverField.startsWith('channels[')) return 'channels';
  if (serverField === 'subject') return 'subject';
  if (serverField === 'message') return 'message';
  return undefined;
}

function showOutcome(result: NotifyAppointmentResult, name: string) {
  if (!result.sent) {
    notifications.show({
      color: 'gray',
      title: 'No notification sent',
      message: `${name} was not notified. The choice is recorded on the appointment's history.`,
    });
    return;
  }
  const fresh = result.messages.filter((message) => !message.duplicate);
  if (fresh.length === 0) {
    notifications.show({
      color: 'yellow',
      title: 'Already sent',
      message:
        'This notification was already sent for the appointment as it is now, so nothing new went out. To send it again, use Resend in Settings → Messages.',
      autoClose: 9000,
    });
    return;
  }
  notifications.show({
    color: 'lagoon',
    title: 'Notification sent',
    message: `${channelsLabel(fresh.map((message) => message.channel))} to ${name} ${fresh.length === 2 ? 'are' : 'is'} on the way. Settings → Messages shows the delivery.`,
  });
}

/**
 * The pop-up after a booking, reschedule or cancellation at the desk: choose email, SMS,
 * both or neither, edit the practice's wording, then "Send Notification" or "Don't Send
 * Notification" (recorded on the appointment's history either way).
 */
export function NotifyPatientModal({ prompt, onClose }: { prompt: NotificationPrompt | null; onClose: () => void }) {
  return (
    <Modal
      opened={prompt !== null}
      onClose={onClose}
      title={prompt ? titles[prompt.kind] : ''}
      size="lg"
      closeOnClickOutside={false}
      // Above the drawer or modal whose action raised it (they open later, so they would stack on top).
      zIndex={300}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {prompt && (
        <NotifyPatientContent
          key={`${prompt.appointment.id}-${prompt.kind}-${prompt.appointment.start}`}
          prompt={prompt}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function NotifyPatientContent({ prompt, onClose }: { prompt: NotificationPrompt; onClose: () => void }) {
  const preview = useNotifyPreview(prompt.appointment.id, prompt.kind);
  const { appointment } = prompt;
  const summary = (
    <Text size="sm" c="dimmed">
      {patientName(prompt)} · {appointment.services.map((service) => service.name).join(', ') || 'Appointment'} ·{' '}
      {formatClinicSpan(appointment.start, appointment.end, appointment.timeZone)}
    </Text>
  );

  if (preview.isPending) {
    return (
      <Stack gap="sm" role="status" aria-label="Loading the message">
        {summary}
        <Skeleton height={56} />
        <Skeleton height={160} />
      </Stack>
    );
  }
  if (preview.isError) {
    return (
      <Stack gap="md">
        {summary}
        <LoadError what="the message" error={preview.error} onRetry={() => void preview.refetch()} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    );
  }
  return <NotifyPatientForm prompt={prompt} preview={preview.data} summary={summary} onClose={onClose} />;
}

interface NotifyPatientFormProps {
  prompt: NotificationPrompt;
  preview: NotifyPreview;
  summary: ReactNode;
  onClose: () => void;
}

function NotifyPatientForm({ prompt, preview, summary, onClose }: NotifyPatientFormProps) {
  const name = patientName(prompt);
  const [channels, setChannels] = useState<MessageChannel[]>(() => initialChannels(preview));
  const [subject, setSubject] = useState<string | null>(null);
  const [editedMessage, setEditedMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const notify = useNotifyAppointment();
  const pendingChoice = notify.isPending ? (notify.variables.request.channels.length === 0 ? 'skip' : 'send') : undefined;

  const byEmail = channels.includes('email');
  const bySms = channels.includes('sms');
  // Unedited, the box shows the text message when one is going out (it must fit the SMS
  // limit), otherwise the email; each channel then sends its own wording of the template.
  const templateText = bySms ? preview.sms.textBody : preview.email.textBody;
  const message = editedMessage ?? templateText;
  const shownSubject = subject ?? preview.email.subject;
  const nobodyToReach = !preview.available.email && !preview.available.sms;

  function clearError(field: Field) {
    setErrors((current) => ({ ...current, [field]: undefined }));
    setFormProblem(null);
  }

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    if (channels.length === 0) found.channels = "Choose email, SMS or both — or press Don't Send Notification.";
    if (byEmail && shownSubject.trim() === '') found.subject = 'Enter a subject for the email.';
    if (editedMessage !== null && editedMessage.trim() === '') found.message = "Write a message, or go back to the practice's wording.";
    else if (bySms && message.length > preview.sms.maxLength)
      found.message = `A text message is at most ${preview.sms.maxLength.toLocaleString('en-US')} characters (this one has ${message.length.toLocaleString('en-US')}). Shorten it, or send it by email only.`;
    else if (message.length > MESSAGE_MAX_LENGTH)
      found.message = `The message is at most ${MESSAGE_MAX_LENGTH.toLocaleString('en-US')} characters.`;
    return found;
  }

  function showProblem(problem: ApiProblem) {
    const found: FieldErrors = {};
    for (const listed of problem.errors) {
      const field = fieldOf(listed.field);
      if (field && !found[field]) found[field] = listed.message;
    }
    const main = problem.field ? fieldOf(problem.field) : undefined;
    if (main && !found[main]) found[main] = problem.detail;
    setErrors(found);
    setFormProblem(Object.keys(found).length === 0 ? problem.detail : null);
  }

  function submit(request: NotifyAppointmentRequest) {
    setFormProblem(null);
    notify.mutate(
      { appointmentId: prompt.appointment.id, request },
      {
        onSuccess: (result) => {
          showOutcome(result, name);
          onClose();
        },
        onError: (error) => {
          if (isApiProblem(error)) showProblem(error);
          else setFormProblem('The notification was not sent. Try again.');
        },
      },
    );
  }

  function send(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (notify.isPending) return;
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const request: NotifyAppointmentRequest = { channels, kind: prompt.kind };
    // Only what staff changed goes with the request; the rest is the template's, per channel.
    if (editedMessage !== null && editedMessage !== templateText) request.message = editedMessage;
    if (byEmail && subject !== null && subject.trim() !== preview.email.subject) request.subject = subject.trim();
    submit(request);
  }

  let messageHint: string | undefined;
  if (byEmail && bySms) {
    messageHint =
      editedMessage === null
        ? "This is the text message. The email says the same in the practice's longer email wording. Edit the text to send your own words both ways."
        : 'Your text is sent as the email and as the text message.';
  }

  return (
    <form onSubmit={send} noValidate aria-label="Notify the patient">
      <Stack gap="md">
        {summary}
        {formProblem && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="The notification was not sent">
            {formProblem}
          </Alert>
        )}
        {nobodyToReach && (
          <Alert color="yellow" variant="light" icon={<IconAlertCircle size={18} />}>
            {name} has no email address or mobile number on file. Add one to the client's profile to notify them.
          </Alert>
        )}
        <Checkbox.Group
          label="Send by"
          value={channels}
          onChange={(value) => {
            setChannels(value.filter((channel): channel is MessageChannel => channel === 'email' || channel === 'sms'));
            clearError('channels');
            clearError('message');
          }}
          error={errors.channels}
        >
          <Group mt={6} gap="xl" align="flex-start">
            <Checkbox
              value="email"
              label={
                <Group gap={6} component="span">
                  <IconMail size={16} stroke={1.6} aria-hidden="true" /> Email
                </Group>
              }
              description={preview.email.to ?? 'No email address on file'}
              disabled={!preview.available.email}
            />
            <Checkbox
              value="sms"
              label={
                <Group gap={6} component="span">
                  <IconMessage size={16} stroke={1.6} aria-hidden="true" /> SMS
                </Group>
              }
              description={preview.sms.to ? formatPhone(preview.sms.to) : 'No mobile number on file'}
              disabled={!preview.available.sms}
            />
          </Group>
        </Checkbox.Group>
        {byEmail && (
          <TextInput
            label="Email subject"
            value={shownSubject}
            maxLength={300}
            onChange={(event) => {
              setSubject(event.currentTarget.value);
              clearError('subject');
            }}
            error={errors.subject}
          />
        )}
        <Stack gap={4}>
          <Textarea
            label="Message"
            description={messageHint}
            value={message}
            autosize
            minRows={5}
            maxRows={14}
            onChange={(event) => {
              setEditedMessage(event.currentTarget.value);
              clearError('message');
            }}
            error={errors.message}
            aria-describedby={bySms ? 'notify-sms-length' : undefined}
          />
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            {bySms ? <SmsLengthMeter id="notify-sms-length" text={message} maxLength={preview.sms.maxLength} /> : <span />}
            {editedMessage !== null && (
              <Anchor
                component="button"
                type="button"
                size="xs"
                style={{ flex: 'none' }}
                onClick={() => {
                  setEditedMessage(null);
                  clearError('message');
                }}
              >
                Use the practice's wording
              </Anchor>
            )}
          </Group>
        </Stack>
        {(byEmail && preview.email.attachments.length > 0) || preview.paperwork.length > 0 ? (
          <Paper withBorder radius="md" p="sm" bg="gray.0">
            <Stack gap={6}>
              {byEmail &&
                preview.email.attachments.map((filename) => (
                  <Group key={filename} gap={8} wrap="nowrap">
                    <IconCalendarEvent size={16} stroke={1.6} aria-hidden="true" />
                    <Text size="sm">
                      {prompt.kind === 'cancellation'
                        ? 'The email removes the visit from the patient’s calendar'
                        : 'The email carries a calendar invitation'}{' '}
                      <Text span size="xs" c="dimmed">
                        ({filename})
                      </Text>
                    </Text>
                  </Group>
                ))}
              {preview.paperwork.length > 0 && (
                <Group gap={8} wrap="nowrap" align="flex-start">
                  <IconFileText size={16} stroke={1.6} aria-hidden="true" style={{ marginTop: 2 }} />
                  <Text size="sm">Forms to complete before the visit: {preview.paperwork.join(', ')}</Text>
                </Group>
              )}
            </Stack>
          </Paper>
        ) : null}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button
            variant="default"
            loading={pendingChoice === 'skip'}
            disabled={pendingChoice === 'send'}
            onClick={() => {
              if (notify.isPending) return;
              setErrors({});
              submit({ channels: [], kind: prompt.kind });
            }}
          >
            Don't Send Notification
          </Button>
          <Button
            type="submit"
            leftSection={<IconSend size={16} />}
            loading={pendingChoice === 'send'}
            disabled={nobodyToReach || pendingChoice === 'skip'}
          >
            Send Notification
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

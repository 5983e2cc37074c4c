import { SMS_MAX_LENGTH, templateTextProblem, type MessageTemplate, type UpdateMessageTemplateRequest } from '@glowdesk/contracts';
import { Alert, Button, Drawer, Grid, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useRef, useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useUpdateMessageTemplate } from '../api/update-message-template.ts';
import { insertPlaceholder } from '../insert-placeholder.ts';
import { PlaceholderPicker } from './placeholder-picker.tsx';

type Field = keyof UpdateMessageTemplateRequest;
type FieldErrors = Partial<Record<Field, string>>;
const fields: readonly Field[] = ['emailSubject', 'emailBody', 'smsBody'];

const fieldLabels: Record<Field, string> = { emailSubject: 'Email subject', emailBody: 'Email body', smsBody: 'SMS text' };
const maxLengths: Record<Field, number> = { emailSubject: 300, emailBody: 20_000, smsBody: SMS_MAX_LENGTH };

/** The same checks as the server: not empty, not too long, known placeholders in closed tags. */
function problemsOf(template: MessageTemplate, text: UpdateMessageTemplateRequest): FieldErrors {
  const found: FieldErrors = {};
  for (const field of fields) {
    const value = text[field];
    const label = fieldLabels[field];
    if (value.trim() === '') found[field] = `The ${label.toLowerCase()} cannot be empty.`;
    else if (value.length > maxLengths[field])
      found[field] = `The ${label.toLowerCase()} is at most ${maxLengths[field].toLocaleString('en-US')} characters.`;
    else found[field] = templateTextProblem(template.key, value);
  }
  return found;
}

function isField(candidate: string): candidate is Field {
  return (fields as readonly string[]).includes(candidate);
}

interface MessageTemplateEditorProps {
  template: MessageTemplate | null;
  canEdit: boolean;
  onClose: () => void;
}

/** Edits one template's email subject, email body and SMS text, with its placeholders at hand. */
export function MessageTemplateEditor({ template, canEdit, onClose }: MessageTemplateEditorProps) {
  return (
    <Drawer
      opened={template !== null}
      onClose={onClose}
      position="right"
      size={860}
      padding="lg"
      closeOnClickOutside={false}
      title={
        <Title order={2} fz={20}>
          {template ? `${canEdit ? 'Edit' : 'View'}: ${template.label}` : 'Template'}
        </Title>
      }
    >
      {template && <TemplateForm key={`${template.key}-${template.version}`} template={template} canEdit={canEdit} onClose={onClose} />}
    </Drawer>
  );
}

function TemplateForm({ template, canEdit, onClose }: { template: MessageTemplate; canEdit: boolean; onClose: () => void }) {
  const [text, setText] = useState<UpdateMessageTemplateRequest>({
    emailSubject: template.emailSubject,
    emailBody: template.emailBody,
    smsBody: template.smsBody,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [target, setTarget] = useState<Field>('emailBody');
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const update = useUpdateMessageTemplate();
  const changed = fields.some((field) => text[field] !== template[field]);

  function change(field: Field, value: string) {
    setText((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setFormProblem(null);
  }

  function insert(name: string) {
    const element = inputs.current[target];
    const value = text[target];
    const selection = element ? { start: element.selectionStart ?? value.length, end: element.selectionEnd ?? value.length } : undefined;
    const result = insertPlaceholder(value, selection ?? { start: value.length, end: value.length }, name);
    change(target, result.text);
    // Back to the field, the caret after what was inserted, once React has rendered the new text.
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(result.caret, result.caret);
    });
  }

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canEdit || update.isPending) return;
    const found = problemsOf(template, text);
    setErrors(found);
    const firstInvalid = fields.find((field) => found[field] !== undefined);
    if (firstInvalid) {
      inputs.current[firstInvalid]?.focus();
      return;
    }
    update.mutate(
      { key: template.key, expectedVersion: template.version, text },
      {
        onSuccess: () => {
          notifications.show({ color: 'lagoon', title: 'Template saved', message: `${template.label} uses the new wording from now on.` });
          onClose();
        },
        onError: (error) => {
          if (!isApiProblem(error)) return setFormProblem('The template was not saved. Try again.');
          if (error.status === 412) {
            return setFormProblem(
              'Someone else saved this template while you were editing. Close this form to see their version, then make your change again.',
            );
          }
          const placed: FieldErrors = {};
          const listed = error.errors.length > 0 ? error.errors : error.field ? [{ field: error.field, message: error.detail }] : [];
          for (const problem of listed) if (isField(problem.field) && !placed[problem.field]) placed[problem.field] = problem.message;
          setErrors(placed);
          if (Object.keys(placed).length === 0) setFormProblem(error.detail);
        },
      },
    );
  }

  const fieldProps = (field: Field) => ({
    value: text[field],
    readOnly: !canEdit,
    error: errors[field],
    onFocus: () => setTarget(field),
    onChange: (event: { currentTarget: { value: string } }) => change(field, event.currentTarget.value),
  });

  return (
    <form onSubmit={save} noValidate aria-label={`${template.label} template`}>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <Stack gap="md">
            {formProblem && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                {formProblem}
              </Alert>
            )}
            <TextInput
              label="Email subject"
              ref={(element) => {
                inputs.current.emailSubject = element;
              }}
              {...fieldProps('emailSubject')}
            />
            <Textarea
              label="Email body"
              autosize
              minRows={10}
              maxRows={22}
              ref={(element) => {
                inputs.current.emailBody = element;
              }}
              {...fieldProps('emailBody')}
            />
            <Stack gap={4}>
              <Textarea
                label="SMS text"
                autosize
                minRows={3}
                maxRows={8}
                ref={(element) => {
                  inputs.current.smsBody = element;
                }}
                {...fieldProps('smsBody')}
              />
              <Text size="xs" c={text.smsBody.length > SMS_MAX_LENGTH ? 'red.7' : 'dimmed'}>
                {text.smsBody.length.toLocaleString('en-US')} / {SMS_MAX_LENGTH.toLocaleString('en-US')} characters before the placeholders
                are filled in. A text message over the limit is refused when sent, never split.
              </Text>
            </Stack>
            {canEdit ? (
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={onClose}>
                  Cancel
                </Button>
                <Button type="submit" loading={update.isPending} disabled={!changed}>
                  Save template
                </Button>
              </Group>
            ) : (
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  Close
                </Button>
              </Group>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <PlaceholderPicker placeholders={template.placeholders} targetLabel={fieldLabels[target]} disabled={!canEdit} onInsert={insert} />
        </Grid.Col>
      </Grid>
    </form>
  );
}

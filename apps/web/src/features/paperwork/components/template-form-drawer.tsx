import { paperworkKindLabels, type PaperworkKind, type PaperworkTemplate } from '@glowdesk/contracts';
import {
  Alert,
  Badge,
  Box,
  Button,
  Divider,
  Drawer,
  Group,
  Input,
  NumberInput,
  SegmentedControl,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconHistory } from '@tabler/icons-react';
import { useRef, useState, type SubmitEvent } from 'react';
import { isApiProblem, type ApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { useCreatePaperworkTemplate } from '../api/create-paperwork-template.ts';
import { usePaperworkTemplate } from '../api/get-paperwork-template.ts';
import { useUpdatePaperworkTemplate } from '../api/update-paperwork-template.ts';
import { noQuestionErrors, pathOfField, questionErrorsFromPaths, type QuestionErrors } from '../question-builder.ts';
import {
  newTemplateValues,
  readTemplateForm,
  templateFormFields,
  templateFormValues,
  withKind,
  withSignatureRules,
  type TemplateFieldErrors,
  type TemplateFormValues,
} from '../template-form-values.ts';
import { PaperworkKindIcon } from './paperwork-kind-icon.tsx';
import { PaperworkTextField } from './paperwork-text-field.tsx';
import { QuestionBuilderField } from './question-builder-field.tsx';

/** `templateId: null` adds a new form. */
export type TemplateFormTarget = { templateId: string | null };

const kindDescriptions: Record<PaperworkKind, string> = {
  consent: 'Text the patient signs before the treatment; a staff witness may have to sign too.',
  questionnaire: 'Questions the patient answers before the visit: medical history, allergies, goals.',
  instructions: 'What to do (and avoid) before the treatment; the patient reads it.',
};

/** Puts the keyboard on the first field with a message, once the messages have rendered. */
function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-error="true"]')?.focus();
  });
}

/** The server's messages placed on the fields and questions they name. */
function errorsFromProblem(
  problem: ApiProblem,
  values: TemplateFormValues,
): { errors: TemplateFieldErrors; questionErrors: QuestionErrors } {
  const listed = problem.errors.length > 0 ? problem.errors : problem.field ? [{ field: problem.field, message: problem.detail }] : [];
  const errors: TemplateFieldErrors = {};
  const paths = listed.map(({ field, message }) => ({ path: pathOfField(field), message }));
  for (const { path, message } of paths) {
    const field = templateFormFields.find((known) => known === path[0]);
    if (field && field !== 'questions' && errors[field] === undefined) errors[field] = message;
  }
  const questionErrors = questionErrorsFromPaths(paths, values.questions);
  if (questionErrors.list) errors.questions = questionErrors.list;
  return { errors, questionErrors };
}

function placedAnywhere(result: { errors: TemplateFieldErrors; questionErrors: QuestionErrors }): boolean {
  return Object.keys(result.errors).length > 0 || Object.keys(result.questionErrors.questions).length > 0;
}

/** What to say about a failed save that no field explains. */
function unplacedProblem(error: unknown, values: TemplateFormValues): string | undefined {
  if (!error) return undefined;
  if (!isApiProblem(error)) return 'The form could not be saved. Try again.';
  if (error.status === 412) {
    return 'Someone else saved a new version of this form while you were editing. Close this drawer and open the form again to edit the latest version.';
  }
  if (error.status === 403) return 'Your role cannot change forms. Owners and admins can.';
  return placedAnywhere(errorsFromProblem(error, values)) ? undefined : error.detail;
}

export function TemplateFormDrawer({ target, onClose }: { target: TemplateFormTarget | null; onClose: () => void }) {
  const [retained, setRetained] = useState(target);
  if (target !== null && target !== retained) setRetained(target);
  const shown = target ?? retained;
  const templateId = shown?.templateId ?? null;
  const template = usePaperworkTemplate(templateId);
  const editing = templateId !== null;

  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size={720}
      title={
        <Text fw={600} size="lg">
          {editing ? (template.data ? `Edit ${template.data.name}` : 'Edit form') : 'Add form'}
        </Text>
      }
    >
      {shown &&
        (!editing ? (
          <TemplateForm key="new" template={null} onClose={onClose} />
        ) : template.isError ? (
          <LoadError what="the form" error={template.error} onRetry={() => void template.refetch()} />
        ) : template.data ? (
          // Keyed by the template only: a refetch while editing must not throw away what was typed.
          <TemplateForm key={template.data.id} template={template.data} onClose={onClose} />
        ) : (
          <Stack gap="sm" role="status" aria-label="Loading the form">
            <Skeleton height={60} />
            <Skeleton height={36} />
            <Skeleton height={200} />
          </Stack>
        ))}
    </Drawer>
  );
}

function TemplateForm({ template: opened, onClose }: { template: PaperworkTemplate | null; onClose: () => void }) {
  // The version the edit started from: saving against it lets the server refuse (412) when another version came in between.
  const [template] = useState(opened);
  const [values, setValues] = useState<TemplateFormValues>(() => (template ? templateFormValues(template) : newTemplateValues('consent')));
  const [errors, setErrors] = useState<TemplateFieldErrors>({});
  const [questionErrors, setQuestionErrors] = useState<QuestionErrors>(noQuestionErrors);
  const formRef = useRef<HTMLFormElement>(null);
  const createTemplate = useCreatePaperworkTemplate();
  const updateTemplate = useUpdatePaperworkTemplate();
  const saveError = createTemplate.error ?? updateTemplate.error;
  const pending = createTemplate.isPending || updateTemplate.isPending;
  const kind = values.kind;

  function change(next: TemplateFormValues, cleared: (keyof TemplateFieldErrors)[]) {
    setValues(next);
    if (cleared.length > 0) setErrors((current) => ({ ...current, ...Object.fromEntries(cleared.map((field) => [field, undefined])) }));
  }

  function showErrors(result: { errors: TemplateFieldErrors; questionErrors: QuestionErrors }) {
    setErrors(result.errors);
    setQuestionErrors(result.questionErrors);
    focusFirstInvalid(formRef.current);
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = readTemplateForm(values);
    if ('errors' in result) return showErrors(result);
    const onError = (error: unknown) => {
      if (isApiProblem(error)) showErrors(errorsFromProblem(error, values));
    };
    if (!template) {
      createTemplate.mutate(result.request, {
        onSuccess: (created) => {
          notifications.show({ color: 'lagoon', title: 'Form added', message: `${created.name} (version 1)` });
          onClose();
        },
        onError,
      });
      return;
    }
    updateTemplate.mutate(
      { templateId: template.id, expectedVersion: template.version, wording: result.request },
      {
        onSuccess: (updated) => {
          notifications.show(
            updated.version === template.version
              ? { color: 'gray', title: 'Nothing changed', message: `${updated.name} stays at version ${updated.version}.` }
              : { color: 'lagoon', title: `Saved as version ${updated.version}`, message: updated.name },
          );
          onClose();
        },
        onError,
      },
    );
  }

  const problem = unplacedProblem(saveError, values);
  const bodyCopy =
    kind === 'consent'
      ? {
          label: 'Consent text',
          description: 'What the patient reads and signs.',
          placeholder: 'I understand the risks of this treatment, including…',
        }
      : {
          label: 'Instructions',
          description: 'What the patient should do, and avoid, before the visit.',
          placeholder: '# Before your treatment\n\n- Avoid the sun for two weeks\n- No retinol for five days',
        };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md" pb={80}>
        {problem && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {problem}
          </Alert>
        )}
        {template && (
          <Alert color="lagoon" variant="light" icon={<IconHistory size={18} />} title={`Editing version ${template.version}`}>
            Saving creates version {template.version + 1}; forms already assigned keep the version the patient saw.
          </Alert>
        )}
        {template ? (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Kind
            </Text>
            <Badge variant="light" color="gray" tt="none" fw={600} leftSection={<PaperworkKindIcon kind={kind} size={14} />}>
              {paperworkKindLabels[kind]}
            </Badge>
            <Text size="xs" c="dimmed">
              (a form’s kind cannot change)
            </Text>
          </Group>
        ) : (
          <Input.Wrapper label="Kind" labelElement="div" description={kindDescriptions[kind]} error={errors.kind}>
            <SegmentedControl<PaperworkKind>
              aria-label="Kind"
              fullWidth
              mt={6}
              value={kind}
              onChange={(next) => change(withKind(values, next), ['kind', 'body', 'questions'])}
              data={(['consent', 'questionnaire', 'instructions'] as const).map((value) => ({
                value,
                label: paperworkKindLabels[value],
              }))}
            />
          </Input.Wrapper>
        )}
        <TextInput
          label="Name"
          required
          data-autofocus
          placeholder={
            kind === 'consent' ? 'e.g. Botox consent' : kind === 'questionnaire' ? 'e.g. Medical history' : 'e.g. Before your peel'
          }
          description="Staff and patients see this name."
          value={values.name}
          onChange={(event) => change({ ...values, name: event.currentTarget.value }, ['name'])}
          error={errors.name}
        />

        {kind === 'questionnaire' ? (
          <>
            <Textarea
              label="Introduction"
              description="Optional: shown above the questions."
              autosize
              minRows={2}
              maxRows={6}
              value={values.description}
              onChange={(event) => change({ ...values, description: event.currentTarget.value }, ['description'])}
              error={errors.description}
            />
            <Divider
              label={
                <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                  Questions
                </Text>
              }
              labelPosition="left"
            />
            <QuestionBuilderField
              questions={values.questions}
              errors={questionErrors}
              listError={errors.questions}
              onChange={(questions) => change({ ...values, questions }, ['questions'])}
              onQuestionEdited={(key) =>
                setQuestionErrors((current) => {
                  if (!(key in current.questions)) return current;
                  const { [key]: _edited, ...others } = current.questions;
                  return { ...current, questions: others };
                })
              }
            />
          </>
        ) : (
          <PaperworkTextField
            {...bodyCopy}
            body={values.body}
            format={values.format}
            error={errors.body ?? errors.format}
            onBodyChange={(body) => change({ ...values, body }, ['body'])}
            onFormatChange={(format) => change({ ...values, format }, ['format'])}
          />
        )}

        <NumberInput
          label="Show in the portal from"
          description="Days before the appointment (0: on the day)."
          suffix=" days before"
          min={0}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          value={values.showDaysBefore}
          onChange={(value) =>
            change({ ...values, showDaysBefore: typeof value === 'number' ? value : value === '' ? '' : Number(value) }, ['showDaysBefore'])
          }
          error={errors.showDaysBefore}
        />

        {kind === 'consent' && (
          <Stack gap="sm">
            <Switch
              label="The patient signs"
              description="Off: the patient only reads it."
              checked={values.requiresSignature}
              onChange={(event) =>
                change(withSignatureRules(values, { requiresSignature: event.currentTarget.checked }), [
                  'requiresSignature',
                  'requiresWitnessSignature',
                ])
              }
              error={errors.requiresSignature}
            />
            <Switch
              label="A witness signs too"
              description="A staff member signs after the patient; until then the form shows Witness Signature Required."
              checked={values.requiresWitnessSignature}
              onChange={(event) =>
                change(withSignatureRules(values, { requiresWitnessSignature: event.currentTarget.checked }), [
                  'requiresSignature',
                  'requiresWitnessSignature',
                ])
              }
              error={errors.requiresWitnessSignature}
            />
          </Stack>
        )}
      </Stack>
      <Box
        pos="sticky"
        bottom={0}
        py="md"
        bg="white"
        style={{ borderTop: '1px solid var(--glowdesk-border)', marginInline: 'calc(var(--mantine-spacing-md) * -1)' }}
        px="md"
      >
        <Group justify="space-between" gap="sm">
          <Text size="xs" c="dimmed">
            {template ? `Now at version ${template.version}` : 'Saved as version 1'}
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {template ? `Save as version ${template.version + 1}` : 'Add form'}
            </Button>
          </Group>
        </Group>
      </Box>
    </form>
  );
}

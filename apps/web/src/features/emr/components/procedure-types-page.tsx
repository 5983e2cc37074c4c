import { procedureSectionLabels, procedureSectionSchema, type ProcedureSection } from '@glowdesk/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { useSession } from '../../auth/components/session-context.tsx';
import { usePaperworkTemplates } from '../../paperwork/api/get-paperwork-templates.ts';
import { useProcedureTypes } from '../api/emr-api.ts';
import { useCreateProcedureType } from '../api/procedure-types-api.ts';
import { EMR_PATH, managesEmrFor } from '../emr-paths.ts';

const sections = procedureSectionSchema.options;
/** A new type starts with what most charts need; laser and other sections are ticked for the types that use them. */
const defaultSections: ProcedureSection[] = ['clinical_notes', 'injectables'];

function NewProcedureTypeForm() {
  const create = useCreateProcedureType();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ProcedureSection[]>(defaultSections);
  const [consentIds, setConsentIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ name?: string; sections?: string; consents?: string; form?: string }>({});
  const templates = usePaperworkTemplates();
  const consentOptions = (templates.data ?? [])
    .filter((template) => template.kind === 'consent' && template.active)
    .map((template) => ({ value: template.id, label: template.name }));
  const requiresConsents = chosen.includes('consents');
  const [added, setAdded] = useState<string | null>(null);

  function submit() {
    setAdded(null);
    const nextErrors: typeof errors = {};
    if (name.trim() === '') nextErrors.name = 'Enter the procedure type’s name.';
    if (chosen.length === 0) nextErrors.sections = 'Choose at least one section.';
    if (requiresConsents && consentIds.length === 0) nextErrors.consents = 'Choose the consents this procedure requires.';
    setErrors(nextErrors);
    if (Object.keys(nextErrors).length > 0) return;
    create.mutate(
      {
        name: name.trim(),
        sections: sections.filter((section) => chosen.includes(section)),
        requiredConsentTemplateIds: requiresConsents ? consentIds : [],
      },
      {
        onSuccess: (type) => {
          setAdded(type.name);
          setName('');
          setChosen(defaultSections);
          setConsentIds([]);
        },
        onError: (error) => {
          if (!isApiProblem(error)) return setErrors({ form: 'The procedure type was not saved.' });
          if (error.field === 'name') setErrors({ name: error.detail });
          else if (error.field?.startsWith('sections')) setErrors({ sections: error.detail });
          else if (error.field?.startsWith('requiredConsentTemplateIds')) setErrors({ consents: error.detail });
          else setErrors({ form: error.detail });
        },
      },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="New procedure type">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} fz="md">
            New procedure type
          </Title>
          <TextInput
            label="Name"
            placeholder="Dermal filler"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            maw={420}
            required
          />
          <Checkbox.Group
            label="Chart sections"
            description="The sections its charts ask for."
            value={chosen}
            onChange={(value) => setChosen(sections.filter((section) => value.includes(section)))}
            error={errors.sections}
          >
            <Stack gap={6} mt={6}>
              {sections.map((section) => (
                <Checkbox key={section} value={section} label={procedureSectionLabels[section]} />
              ))}
            </Stack>
          </Checkbox.Group>
          {requiresConsents && (
            <MultiSelect
              label="Required consents"
              description="The patient signs these before the chart can be signed."
              placeholder={consentOptions.length === 0 ? 'No active consent forms' : 'Choose consents'}
              data={consentOptions}
              value={consentIds}
              onChange={setConsentIds}
              error={errors.consents}
              searchable
              maw={420}
            />
          )}
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          {added && (
            <Text size="sm" c="teal.8" role="status">
              {added} added.
            </Text>
          )}
          <Group>
            <Button type="submit" leftSection={<IconPlus size={16} />} loading={create.isPending}>
              Add procedure type
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Procedure types: the chart templates and the sections each needs; owners and admins add them. */
export function ProcedureTypesPage() {
  const { staff } = useSession();
  const manages = managesEmrFor(staff.role);
  const types = useProcedureTypes();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={EMR_PATH} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} /> EMR
        </Group>
      </Anchor>
      <PageHeader title="Procedure types" description="What a procedure is charted as, and the chart sections it asks for." />
      {types.error && <LoadError what="the procedure types" error={types.error} onRetry={() => void types.refetch()} />}
      <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
        {types.isPending ? (
          <Stack gap="xs" role="status" aria-label="Loading the procedure types">
            {[0, 1, 2].map((row) => (
              <Skeleton key={row} height={28} />
            ))}
          </Stack>
        ) : (types.data ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            No procedure types yet.
          </Text>
        ) : (
          <StackedTableContainer minWidth={520}>
            <Table className={stackedTableClass} aria-label="Procedure types" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Chart sections</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(types.data ?? []).map((type) => (
                  <Table.Tr key={type.id}>
                    <Table.Td data-label="Name" fw={600}>
                      {type.name}
                    </Table.Td>
                    <Table.Td data-label="Chart sections">
                      <Group gap={6} justify="flex-start">
                        {type.sections.map((section) => (
                          <Badge key={section} variant="light" tt="none">
                            {procedureSectionLabels[section]}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </StackedTableContainer>
        )}
      </Paper>
      {manages ? (
        <NewProcedureTypeForm />
      ) : (
        <Text size="sm" c="dimmed">
          Owners and admins add procedure types.
        </Text>
      )}
    </Stack>
  );
}

import { paperworkKindLabels, paperworkKindSchema, type PaperworkKind, type PaperworkTemplateSummary } from '@glowdesk/contracts';
import { Alert, Button, Group, Paper, SegmentedControl, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconEye, IconFilterOff, IconForms, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { usePaperworkTemplates } from '../api/get-paperwork-templates.ts';
import { TemplateActiveModal, type TemplateActiveRequest } from './template-active-modal.tsx';
import { TemplateFormDrawer, type TemplateFormTarget } from './template-form-drawer.tsx';
import { TemplateTable, type TemplateAction } from './template-table.tsx';
import { TemplateVersionsModal } from './template-versions-modal.tsx';

type StatusFilter = 'active' | 'inactive' | 'all';

function matchesStatus(template: PaperworkTemplateSummary, status: StatusFilter): boolean {
  return status === 'all' || template.active === (status === 'active');
}

function matchesSearch(template: PaperworkTemplateSummary, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return needle === '' || template.name.toLowerCase().includes(needle);
}

function isKind(value: string | null): value is PaperworkKind {
  return paperworkKindSchema.safeParse(value).success;
}

/**
 * Settings → Forms: the consents, questionnaires and pre-treatment instructions a practice
 * forwards with its services. Every edit is a new version; what a patient was given stays as it was.
 */
export function FormsSettings({ canManage, timeZone }: { canManage: boolean; timeZone: string }) {
  const templates = usePaperworkTemplates();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [kind, setKind] = useState<PaperworkKind | null>(null);
  const [search, setSearch] = useState('');
  const [formTarget, setFormTarget] = useState<TemplateFormTarget | null>(null);
  const [versionsOf, setVersionsOf] = useState<string | null>(null);
  const [activeRequest, setActiveRequest] = useState<TemplateActiveRequest | null>(null);

  const all = templates.data ?? [];
  const matching = all.filter((template) => matchesSearch(template, search) && (kind === null || template.kind === kind));
  const visible = matching.filter((template) => matchesStatus(template, status));
  const activeCount = matching.filter((template) => template.active).length;
  const addForm = () => setFormTarget({ templateId: null });

  function act(template: PaperworkTemplateSummary, action: TemplateAction) {
    switch (action) {
      case 'edit':
        return setFormTarget({ templateId: template.id });
      case 'versions':
        return setVersionsOf(template.id);
      case 'deactivate':
      case 'reactivate':
        return setActiveRequest({ template, active: action === 'reactivate' });
    }
  }

  return (
    <>
      <PageHeader
        title="Forms"
        size="section"
        description="Consents, questionnaires and pre-treatment instructions. Attach them to services, and booking a service forwards them to the patient."
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} />} onClick={addForm}>
              Add form
            </Button>
          )
        }
      />
      {!canManage && (
        <Alert variant="light" color="gray" icon={<IconEye size={18} stroke={1.6} />} mb="md" title="View only" role="note">
          <Text size="sm">Owners and admins write forms and attach them to services. You can read every version here.</Text>
        </Alert>
      )}
      {all.length > 0 && (
        <Group mb="md" gap="md" wrap="wrap">
          <SegmentedControl<StatusFilter>
            aria-label="Show"
            size="sm"
            value={status}
            onChange={setStatus}
            data={[
              { value: 'active', label: `Active (${activeCount})` },
              { value: 'inactive', label: `Inactive (${matching.length - activeCount})` },
              { value: 'all', label: `All (${matching.length})` },
            ]}
          />
          <Select
            aria-label="Kind"
            placeholder="All kinds"
            data={paperworkKindSchema.options.map((value) => ({ value, label: paperworkKindLabels[value] }))}
            value={kind}
            onChange={(value) => setKind(isKind(value) ? value : null)}
            clearable
            w={{ base: '100%', sm: 240 }}
          />
          <TextInput
            aria-label="Search forms"
            placeholder="Search forms"
            leftSection={<IconSearch size={16} stroke={1.6} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: '100%', sm: 220 }}
          />
        </Group>
      )}
      {templates.isError ? (
        <LoadError what="the forms" error={templates.error} onRetry={() => void templates.refetch()} />
      ) : !templates.data ? (
        <Paper withBorder radius="lg" bg="white">
          <Stack gap="sm" p="md" role="status" aria-label="Loading forms">
            {[0, 1, 2, 3].map((row) => (
              <Skeleton key={row} height={30} radius="sm" />
            ))}
          </Stack>
        </Paper>
      ) : all.length === 0 ? (
        <EmptyStateCard
          icon={<IconForms size={26} stroke={1.6} />}
          title={canManage ? 'Add your first form' : 'No forms yet'}
          description={
            canManage
              ? 'Write a consent to sign, a questionnaire to fill in or instructions to read, then attach it to services in Settings → Services.'
              : 'An owner or admin writes consents, questionnaires and instructions here.'
          }
          actions={canManage && <Button onClick={addForm}>Add form</Button>}
        />
      ) : visible.length === 0 ? (
        <EmptyStateCard
          icon={<IconFilterOff size={26} stroke={1.6} />}
          title="No forms match these filters"
          description="Show all forms, or choose another filter above."
          actions={
            <Button
              variant="light"
              onClick={() => {
                setStatus('all');
                setKind(null);
                setSearch('');
              }}
            >
              Show all forms
            </Button>
          }
        />
      ) : (
        <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
          <TemplateTable templates={visible} timeZone={timeZone} canManage={canManage} onAction={act} />
        </Paper>
      )}
      <TemplateFormDrawer target={formTarget} onClose={() => setFormTarget(null)} />
      <TemplateVersionsModal templateId={versionsOf} timeZone={timeZone} onClose={() => setVersionsOf(null)} />
      <TemplateActiveModal request={activeRequest} onClose={() => setActiveRequest(null)} />
    </>
  );
}

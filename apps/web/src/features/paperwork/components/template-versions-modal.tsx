import { paperworkKindLabels } from '@glowdesk/contracts';
import { Alert, Badge, Grid, Group, Modal, NavLink, ScrollArea, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { usePaperworkTemplate } from '../api/get-paperwork-template.ts';
import { usePaperworkTemplateVersion } from '../api/get-paperwork-template-version.ts';
import { formatPaperworkDateTime } from '../format-paperwork-time.ts';
import { PaperworkKindIcon } from './paperwork-kind-icon.tsx';
import { TemplateContentView } from './template-content-view.tsx';

/** Every version of a form, newest first, each readable exactly as patients assigned it saw it. */
export function TemplateVersionsModal({
  templateId,
  timeZone,
  onClose,
}: {
  templateId: string | null;
  timeZone: string;
  onClose: () => void;
}) {
  const [retained, setRetained] = useState(templateId);
  if (templateId !== null && templateId !== retained) setRetained(templateId);
  const shownId = templateId ?? retained;
  const template = usePaperworkTemplate(shownId);
  return (
    <Modal
      opened={templateId !== null}
      onClose={onClose}
      size="xl"
      title={
        <Text fw={600} size="lg">
          {template.data ? `${template.data.name}: versions` : 'Versions'}
        </Text>
      }
    >
      {template.isError ? (
        <LoadError what="the form" error={template.error} onRetry={() => void template.refetch()} />
      ) : !template.data || shownId === null ? (
        <Stack gap="sm" role="status" aria-label="Loading the versions">
          <Skeleton height={36} />
          <Skeleton height={180} />
        </Stack>
      ) : (
        <VersionBrowser
          key={shownId}
          templateId={shownId}
          currentVersion={template.data.version}
          versions={template.data.versions}
          timeZone={timeZone}
        />
      )}
    </Modal>
  );
}

function VersionBrowser({
  templateId,
  currentVersion,
  versions,
  timeZone,
}: {
  templateId: string;
  currentVersion: number;
  versions: { version: number; name: string; createdAt: string }[];
  timeZone: string;
}) {
  const [chosen, setChosen] = useState(currentVersion);
  const version = usePaperworkTemplateVersion(templateId, chosen);
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <ScrollArea.Autosize mah={480}>
          <Stack gap={2} component="nav" aria-label="Versions">
            {newestFirst.map((entry) => (
              <NavLink
                key={entry.version}
                component="button"
                type="button"
                active={entry.version === chosen}
                aria-current={entry.version === chosen ? 'true' : undefined}
                onClick={() => setChosen(entry.version)}
                label={
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      Version {entry.version}
                    </Text>
                    {entry.version === currentVersion && (
                      <Badge size="xs" variant="light" tt="none">
                        Current
                      </Badge>
                    )}
                  </Group>
                }
                description={formatPaperworkDateTime(entry.createdAt, timeZone)}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8 }}>
        {version.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {isApiProblem(version.error) ? version.error.detail : 'This version could not be loaded.'}
          </Alert>
        ) : version.data ? (
          <Stack gap="sm" component="section" aria-label={`Version ${version.data.version}`}>
            <Group justify="space-between" align="flex-start" gap="xs">
              <div>
                <Title order={3} fz={17}>
                  {version.data.name}
                </Title>
                <Text size="xs" c="dimmed">
                  Version {version.data.version} · saved {formatPaperworkDateTime(version.data.createdAt, timeZone)}
                </Text>
              </div>
              <Badge variant="light" color="gray" tt="none" fw={600} leftSection={<PaperworkKindIcon kind={version.data.kind} size={14} />}>
                {paperworkKindLabels[version.data.kind]}
              </Badge>
            </Group>
            <TemplateContentView version={version.data} />
          </Stack>
        ) : (
          <Stack gap="sm" role="status" aria-label="Loading the version">
            <Skeleton height={24} width="50%" />
            <Skeleton height={160} />
          </Stack>
        )}
      </Grid.Col>
    </Grid>
  );
}

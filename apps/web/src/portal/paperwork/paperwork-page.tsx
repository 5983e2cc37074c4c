import type { PortalPaperworkItem, PortalPaperworkList } from '@glowdesk/contracts';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCircleCheck, IconDownload, IconFileText } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PaperworkTextView } from '../../features/paperwork/components/paperwork-text-view.tsx';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { signedConsentPdfUrl, useMarkInstructionsRead, usePortalPaperwork } from '../api/portal-paperwork.ts';
import { formatAppointmentTime } from '../format/appointment-time.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { ConsentSigning } from './consent-signing.tsx';
import { QuestionnaireForm } from './questionnaire-form.tsx';

type TabKey = 'consents' | 'questionnaires' | 'instructions';
const TABS: { key: TabKey; label: string; empty: string }[] = [
  { key: 'consents', label: 'Consents', empty: 'No consents to sign' },
  { key: 'questionnaires', label: 'Questionnaires', empty: 'No questionnaires to fill in' },
  { key: 'instructions', label: 'Instructions', empty: 'No instructions' },
];

function tabOf(value: string | null): TabKey {
  return value === 'questionnaires' || value === 'instructions' ? value : 'consents';
}

/** Red: the patient has something to do; amber: waiting for the clinic's witness; green: done. */
function statusColor(item: PortalPaperworkItem): string {
  if (item.needsAction) return 'red';
  if (item.status === 'witness_signature_required') return 'orange';
  return 'green';
}

function visitLabel(item: PortalPaperworkItem): string {
  const { day, time } = formatAppointmentTime(item.appointment.startsAt, item.appointment.startsAt, item.appointment.timezone);
  const services = item.appointment.services.join(', ');
  return `For your visit on ${day} at ${time.split(' – ')[0] ?? ''}${services ? ` (${services})` : ''}`;
}

function actionLabel(item: PortalPaperworkItem): string {
  if (item.kind === 'consent') return item.status === 'not_signed' ? 'Read and sign' : 'View';
  if (item.kind === 'questionnaire') return item.submittedAt ? 'View answers' : item.answersSavedAt ? 'Continue' : 'Fill in';
  return 'Read';
}

/** The patient's forms on the Consents, Questionnaires and Instructions tabs, each with its status. */
export function PaperworkPage() {
  usePageTitle('Paperwork');
  const practice = useCurrentPractice();
  const paperwork = usePortalPaperwork(practice.slug);
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = tabOf(searchParams.get('tab'));
  const [openId, setOpenId] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const markRead = useMarkInstructionsRead(practice.slug);
  const open = (item: PortalPaperworkItem) => {
    setOpenId(item.id);
    if (item.kind === 'instructions' && item.status === 'not_viewed') markRead.mutate(item.id);
  };

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Paperwork
      </Title>
      {done && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={18} />}
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setDone(undefined)}
        >
          {done}
        </Alert>
      )}
      {paperwork.isPending && <Skeleton h={160} radius="md" />}
      {paperwork.isError && <LoadError what="your paperwork" error={paperwork.error} onRetry={() => void paperwork.refetch()} />}
      {paperwork.data && (
        <>
          <Tabs
            value={tab}
            onChange={(value) => setSearchParams(value && value !== 'consents' ? { tab: value } : {}, { replace: true })}
            keepMounted={false}
          >
            <Tabs.List grow className="portal-tabs-compact">
              {TABS.map(({ key, label }) => {
                const waiting = paperwork.data[key].filter((item) => item.needsAction).length;
                return (
                  <Tabs.Tab
                    key={key}
                    value={key}
                    rightSection={
                      waiting > 0 ? (
                        <Badge size="sm" color="red" circle>
                          {waiting}
                        </Badge>
                      ) : undefined
                    }
                  >
                    {label}
                  </Tabs.Tab>
                );
              })}
            </Tabs.List>
            {TABS.map(({ key, empty }) => (
              <Tabs.Panel key={key} value={key} pt="md">
                <PaperworkList items={paperwork.data[key]} empty={empty} onOpen={open} />
              </Tabs.Panel>
            ))}
          </Tabs>
          <PaperworkDialog
            item={findItem(paperwork.data, openId)}
            onClose={() => setOpenId(undefined)}
            onDone={(message) => {
              setOpenId(undefined);
              setDone(message);
            }}
          />
        </>
      )}
    </Stack>
  );
}

function findItem(list: PortalPaperworkList, id: string | undefined): PortalPaperworkItem | undefined {
  if (!id) return undefined;
  return [...list.consents, ...list.questionnaires, ...list.instructions].find((item) => item.id === id);
}

function PaperworkList({
  items,
  empty,
  onOpen,
}: {
  items: PortalPaperworkItem[];
  empty: string;
  onOpen: (item: PortalPaperworkItem) => void;
}) {
  const practice = useCurrentPractice();
  if (items.length === 0) {
    return (
      <EmptyStateCard
        icon={<IconFileText size={28} aria-hidden="true" />}
        title={empty}
        description={`Forms ${practice.name} asks you to complete before a visit show here, some only a few days before it.`}
      />
    );
  }
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <li key={item.id}>
          <Paper withBorder radius="md" p="md" bg="white" component="article" aria-label={item.name}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
                {item.name}
              </Text>
              <Badge color={statusColor(item)} variant="light" tt="none" style={{ flexShrink: 0 }}>
                {item.statusLabel}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" mt={4}>
              {visitLabel(item)}
            </Text>
            <Group gap="xs" mt="md">
              <Button size="sm" variant={item.needsAction ? 'filled' : 'default'} onClick={() => onOpen(item)}>
                {actionLabel(item)}
              </Button>
              {item.hasSignedDocument && (
                <Button
                  size="sm"
                  variant="subtle"
                  component="a"
                  href={signedConsentPdfUrl(item.id)}
                  download
                  leftSection={<IconDownload size={16} aria-hidden="true" />}
                >
                  Download PDF
                </Button>
              )}
            </Group>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}

function PaperworkDialog({
  item,
  onClose,
  onDone,
}: {
  item: PortalPaperworkItem | undefined;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={item !== undefined} onClose={onClose} title={item?.name ?? ''} size="lg" fullScreen={phone} centered={!phone}>
      {item && (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {visitLabel(item)}
          </Text>
          {item.content.body && item.content.format && (
            <Paper withBorder radius="md" p="md" mah={phone ? undefined : 360} style={{ overflowY: 'auto' }}>
              <PaperworkTextView body={item.content.body} format={item.content.format} />
            </Paper>
          )}
          {item.kind === 'questionnaire' && <QuestionnaireForm item={item} onDone={onDone} />}
          {item.kind === 'consent' && item.status === 'not_signed' && <ConsentSigning item={item} onDone={onDone} />}
          {item.signatures.length > 0 && (
            <Stack gap={4}>
              {item.signatures.map((signature) => (
                <Text key={`${signature.role}-${signature.signedAt}`} size="sm">
                  {signature.role === 'patient' ? 'Signed' : 'Witnessed'} by {signature.typedName} on{' '}
                  {new Date(signature.signedAt).toLocaleString('en-US', {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                    timeZone: item.appointment.timezone,
                  })}
                </Text>
              ))}
              {item.status === 'witness_signature_required' && (
                <Text size="sm">A member of the clinic&apos;s team still signs it as witness.</Text>
              )}
              {item.hasSignedDocument && (
                <Anchor href={signedConsentPdfUrl(item.id)} download size="sm">
                  Download the signed PDF
                </Anchor>
              )}
            </Stack>
          )}
          {item.kind === 'consent' && item.status !== 'not_signed' && (
            <Text size="sm" c="dimmed">
              A signed form cannot be signed again here. To change it, ask the clinic to reset it.
            </Text>
          )}
        </Stack>
      )}
    </Modal>
  );
}

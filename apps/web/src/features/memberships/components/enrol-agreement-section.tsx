import type { MembershipAgreement } from '@glowdesk/contracts';
import { Alert, Badge, Button, Group, Paper, ScrollArea, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconSend, IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PaperworkTextView } from '../../paperwork/components/paperwork-text-view.tsx';
import { SignaturePadField } from '../../paperwork/components/signature-pad-field.tsx';
import { useClientAgreement, usePrepareAgreement, useSignAgreement } from '../api/enrol-membership.ts';

function when(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

/**
 * The plan's agreement inside the Membership Plan form: signed on the spot (the client draws
 * their signature on this screen) or sent to the portal, where the client signs it in Become
 * A Member; once signed, its copy goes with SAVE.
 */
export function EnrolAgreementSection({
  patientId,
  patientName,
  planId,
  timeZone,
  error,
}: {
  patientId: string;
  patientName: string;
  planId: string;
  timeZone: string;
  error: string | undefined;
}) {
  const agreement = useClientAgreement(patientId, planId);
  const prepare = usePrepareAgreement(patientId);
  const sign = useSignAgreement(patientId);
  const [signing, setSigning] = useState(false);
  const [typedName, setTypedName] = useState(patientName);
  const [signature, setSignature] = useState<string | null>(null);
  const [tried, setTried] = useState(false);

  if (agreement.isError) return <LoadError what="the agreement" error={agreement.error} onRetry={() => void agreement.refetch()} />;
  if (agreement.isPending) return <Skeleton height={60} />;
  const copy: MembershipAgreement | null = agreement.data;

  function startSigning() {
    setSigning(true);
    if (!copy) prepare.mutate({ planId });
  }

  function submitSignature(current: MembershipAgreement) {
    setTried(true);
    if (!signature || typedName.trim() === '') return;
    sign.mutate(
      { planId, assignmentId: current.assignmentId, signature, typedName: typedName.trim() },
      { onSuccess: () => setSigning(false) },
    );
  }

  const failure = prepare.error ?? sign.error;
  return (
    <Paper withBorder radius="md" p="sm" aria-label="Agreement" component="section">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} size="sm">
            Agreement{copy ? `: ${copy.name}` : ''}
          </Text>
          {copy?.status === 'signed' && (
            <Badge color="lagoon" variant="light" tt="none" leftSection={<IconCircleCheck size={12} />}>
              Signed
            </Badge>
          )}
          {copy?.status === 'not_signed' && (
            <Badge color="yellow" variant="light" tt="none">
              Waiting for signature
            </Badge>
          )}
          {copy?.status === 'witness_signature_required' && (
            <Badge color="yellow" variant="light" tt="none">
              Witness signature required
            </Badge>
          )}
        </Group>

        {copy?.status === 'signed' && copy.signedAt && (
          <Text size="sm" c="dimmed">
            Signed by {copy.signerName} on {when(copy.signedAt, timeZone)}. It is kept with the membership.
          </Text>
        )}
        {copy?.status === 'not_signed' && !signing && (
          <Text size="sm" c="dimmed">
            Sent to the portal on {when(copy.sentAt, timeZone)}: the client signs it in Become A Member, or here now.
          </Text>
        )}
        {!copy && !signing && (
          <Text size="sm" c="dimmed">
            The client signs this plan&apos;s agreement before enrolling.
          </Text>
        )}
        {copy?.status === 'witness_signature_required' && (
          <Text size="sm" c="dimmed">
            This agreement needs a witness signature before the client can enrol.
          </Text>
        )}

        {copy?.status !== 'signed' && copy?.status !== 'witness_signature_required' && !signing && (
          <Group gap="xs">
            <Button size="xs" leftSection={<IconSignature size={14} />} onClick={startSigning}>
              Sign Now
            </Button>
            {!copy && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconSend size={14} />}
                loading={prepare.isPending}
                onClick={() => prepare.mutate({ planId, sendToPortal: true })}
              >
                Send To Portal
              </Button>
            )}
          </Group>
        )}

        {signing &&
          (copy ? (
            <Stack gap="xs">
              <ScrollArea.Autosize mah={200} type="auto" offsetScrollbars>
                <div data-testid="agreement-text">
                  <PaperworkTextView body={copy.body} format={copy.format} />
                </div>
              </ScrollArea.Autosize>
              <TextInput
                label="Client's full name"
                required
                value={typedName}
                onChange={(event) => setTypedName(event.currentTarget.value)}
                error={tried && typedName.trim() === '' ? 'Type the client’s full name.' : undefined}
              />
              <SignaturePadField
                label="Client's signature"
                onChange={setSignature}
                error={tried && !signature ? 'The client draws their signature here.' : undefined}
              />
              <Group gap="xs">
                <Button size="xs" loading={sign.isPending} onClick={() => submitSignature(copy)}>
                  Sign Agreement
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setSigning(false)}>
                  Not now
                </Button>
              </Group>
            </Stack>
          ) : (
            <Skeleton height={80} />
          ))}

        {failure && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {isApiProblem(failure) ? failure.detail : 'The agreement could not be saved. Try again.'}
          </Alert>
        )}
        {error && (
          <Text size="sm" c="red.7" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

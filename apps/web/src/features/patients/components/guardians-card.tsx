import type { GuardianGrant, PatientSummary } from '@glowdesk/contracts';
import { Alert, Anchor, Button, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { useGrantGuardian, usePatientGuardians, useRevokeGuardian } from '../api/patient-guardians.ts';
import { PatientSearchCombobox } from './patient-search-combobox.tsx';

function problemText(error: unknown, fallback: string): string {
  if (isApiProblem(error, 403)) return 'Your role cannot change guardian access. Owners, admins and front desk can.';
  return isApiProblem(error) ? error.detail : fallback;
}

function when(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;

/**
 * Guardians: clients who may open this client's profile in the patient portal (a parent for a
 * child), granted and revoked here; revoked grants stay listed as history. Also the profiles
 * this client may open as a guardian.
 */
export function GuardiansCard({ patientId, patientName, timeZone }: { patientId: string; patientName: string; timeZone: string }) {
  const guardians = usePatientGuardians(patientId);
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<GuardianGrant | null>(null);

  if (guardians.isError) {
    if (isApiProblem(guardians.error, 403)) {
      return (
        <Text size="sm" c="dimmed">
          Your role cannot see guardians.
        </Text>
      );
    }
    return <LoadError what="the guardians" error={guardians.error} onRetry={() => void guardians.refetch()} />;
  }
  if (guardians.isPending) return <Skeleton height={40} />;

  const live = guardians.data.guardians.filter((grant) => grant.revokedAt === null);
  const revoked = guardians.data.guardians.filter((grant) => grant.revokedAt !== null);
  return (
    <Stack gap="sm">
      {live.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody else can open {patientName}’s profile in the patient portal.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {live.map((grant) => (
            <Group key={grant.id} component="li" justify="space-between" wrap="nowrap" align="flex-start" data-testid="guardian">
              <div style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/clients/${grant.guardian.id}`} size="sm" fw={600}>
                  {fullName(grant.guardian)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  Granted by {grant.grantedBy.displayName} · {when(grant.grantedAt, timeZone)}
                </Text>
              </div>
              <Button
                size="xs"
                variant="default"
                color="red"
                onClick={() => setRevoking(grant)}
                aria-label={`Revoke ${fullName(grant.guardian)}`}
              >
                Revoke
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <Group>
        <Button size="xs" variant="default" leftSection={<IconUserPlus size={14} />} onClick={() => setGranting(true)}>
          Add guardian
        </Button>
      </Group>
      {guardians.data.dependants.length > 0 && (
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
            Guardian of
          </Text>
          {guardians.data.dependants.map((grant) => (
            <Text size="sm" key={grant.id}>
              <Anchor component={Link} to={`/clients/${grant.dependant.id}`} size="sm">
                {fullName(grant.dependant)}
              </Anchor>
            </Text>
          ))}
        </div>
      )}
      {revoked.length > 0 && (
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
            Revoked
          </Text>
          {revoked.map((grant) => (
            <Text size="xs" c="dimmed" key={grant.id}>
              {fullName(grant.guardian)}: granted by {grant.grantedBy.displayName} {when(grant.grantedAt, timeZone)}, revoked by{' '}
              {grant.revokedBy?.displayName ?? 'staff'} {grant.revokedAt ? when(grant.revokedAt, timeZone) : ''}
            </Text>
          ))}
        </div>
      )}
      <GrantGuardianModal opened={granting} patientId={patientId} patientName={patientName} onClose={() => setGranting(false)} />
      <RevokeGuardianModal grant={revoking} patientId={patientId} patientName={patientName} onClose={() => setRevoking(null)} />
    </Stack>
  );
}

function GrantGuardianModal({
  opened,
  patientId,
  patientName,
  onClose,
}: {
  opened: boolean;
  patientId: string;
  patientName: string;
  onClose: () => void;
}) {
  const grant = useGrantGuardian(patientId);
  const [picked, setPicked] = useState<PatientSummary | null>(null);
  const close = () => {
    grant.reset();
    setPicked(null);
    onClose();
  };
  const problem = isApiProblem(grant.error) ? grant.error : undefined;
  return (
    <Modal opened={opened} onClose={close} title={`Add a guardian for ${patientName}`} size="md">
      <Stack gap="md">
        <Text size="sm">
          The guardian signs in to the patient portal as themselves and can switch to {patientName}’s profile: appointments, paperwork,
          notifications and contact details. Sharing a phone number does not give this access.
        </Text>
        {picked ? (
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {fullName(picked)}
            </Text>
            <Button size="xs" variant="subtle" onClick={() => setPicked(null)}>
              Choose another client
            </Button>
          </Group>
        ) : (
          <PatientSearchCombobox label="Guardian" description="Search an existing client" onPick={setPicked} />
        )}
        {grant.isError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {problem?.messageFor('guardianPatientId') ?? problemText(grant.error, 'The guardian was not added. Try again.')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            disabled={!picked}
            loading={grant.isPending}
            onClick={() => {
              if (!picked) return;
              grant.mutate(picked.id, {
                onSuccess: (granted) => {
                  notifications.show({
                    color: 'lagoon',
                    title: 'Guardian added',
                    message: `${fullName(granted.guardian)} can now open ${patientName}’s profile in the portal.`,
                  });
                  close();
                },
              });
            }}
          >
            Grant access
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RevokeGuardianModal({
  grant,
  patientId,
  patientName,
  onClose,
}: {
  grant: GuardianGrant | null;
  patientId: string;
  patientName: string;
  onClose: () => void;
}) {
  const revoke = useRevokeGuardian(patientId);
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <Modal opened={grant !== null} onClose={close} title={grant ? `Revoke ${fullName(grant.guardian)}’s access?` : ''} size="md">
      {grant && (
        <Stack gap="md">
          <Text size="sm">
            {fullName(grant.guardian)} will no longer be able to open {patientName}’s profile in the patient portal, from their next click
            on. The grant stays in the profile’s history.
          </Text>
          {revoke.isError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {problemText(revoke.error, 'The access was not revoked. Try again.')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep access
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() =>
                revoke.mutate(grant.id, {
                  onSuccess: () => {
                    notifications.show({
                      color: 'lagoon',
                      title: 'Access revoked',
                      message: `${fullName(grant.guardian)} can no longer open ${patientName}’s profile.`,
                    });
                    close();
                  },
                })
              }
            >
              Revoke access
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

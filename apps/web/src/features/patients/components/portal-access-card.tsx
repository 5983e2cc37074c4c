import { Anchor, Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconExternalLink, IconMail, IconPhone } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { usePortalAccess } from '../api/get-portal-access.ts';
import { formatPhone } from '../format-phone.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" ta="right" style={{ minWidth: 0 }}>
        {children}
      </Text>
    </Group>
  );
}

function formatSignInTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/**
 * The client profile's Portal access: whether the client has signed in to the patient portal,
 * when last (in the practice's zone), the sessions open now, the contacts a sign-in code can go
 * to, and the portal's address.
 */
export function PortalAccess({ patientId, practiceTimeZone }: { patientId: string; practiceTimeZone: string }) {
  const access = usePortalAccess(patientId);
  if (access.isError) return <LoadError what="the portal access" error={access.error} onRetry={() => void access.refetch()} />;
  if (access.isPending) return <Skeleton height={96} />;
  const { data } = access;
  const portalUrl = data.portalPath ? `${window.location.origin}${data.portalPath}` : null;
  return (
    <Stack gap={8}>
      <Fact label="Has signed in">
        <Badge variant="light" color={data.hasSignedIn ? 'teal' : 'gray'} tt="none" fw={600}>
          {data.hasSignedIn ? 'Yes' : 'Not yet'}
        </Badge>
      </Fact>
      <Fact label="Last sign-in">{data.lastSignedInAt ? formatSignInTime(data.lastSignedInAt, practiceTimeZone) : '—'}</Fact>
      <Fact label="Open sessions">{data.activeSessions}</Fact>
      <div>
        <Text size="sm" c="dimmed">
          Signs in with
        </Text>
        {data.signInContacts.length === 0 ? (
          <Text size="sm">No phone or email on file: the client cannot sign in.</Text>
        ) : (
          <Stack gap={2} mt={2}>
            {data.signInContacts.map((contact) => (
              <Group key={contact.channel} gap={6} wrap="nowrap" align="center">
                {contact.channel === 'sms' ? <IconPhone size={14} aria-hidden="true" /> : <IconMail size={14} aria-hidden="true" />}
                <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                  {contact.channel === 'sms' ? `${formatPhone(contact.address)} (text)` : `${contact.address} (email)`}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </div>
      {portalUrl ? (
        <Anchor href={portalUrl} target="_blank" rel="noopener" size="sm">
          <Group gap={4} component="span" wrap="nowrap">
            <IconExternalLink size={14} aria-hidden="true" />
            <span style={{ overflowWrap: 'anywhere' }}>{portalUrl}</span>
          </Group>
        </Anchor>
      ) : (
        <Text size="sm" c="dimmed">
          The portal opens once an owner chooses its address in Settings → Booking Portal.
        </Text>
      )}
    </Stack>
  );
}

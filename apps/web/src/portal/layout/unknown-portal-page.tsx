import { Anchor, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMapPinQuestion } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { portalHomePath } from '../portal-paths.ts';
import { CenteredCard } from './centered-card.tsx';
import { usePageTitle } from './current-practice.ts';

/**
 * `address`: no practice has this portal address (a mistyped or outdated link).
 * `page`: the practice exists but this page of its portal does not.
 */
export function UnknownPortalPage({ reason }: { reason: 'address' | 'page' }) {
  const { slug } = useParams();
  usePageTitle(reason === 'address' ? 'Portal address not known' : 'Page not found');
  return (
    <CenteredCard>
      <Stack gap="md" align="flex-start">
        <ThemeIcon size={48} radius="xl" variant="light" aria-hidden="true">
          <IconMapPinQuestion size={26} />
        </ThemeIcon>
        {reason === 'address' ? (
          <>
            <Title order={1} size="h2">
              This clinic&apos;s portal address is not known
            </Title>
            <Text>
              No clinic uses the portal address{slug ? <Text span fw={600}>{` “${slug}”`}</Text> : ''}. Check the link your clinic sent you,
              or ask the clinic for their patient portal address.
            </Text>
          </>
        ) : (
          <>
            <Title order={1} size="h2">
              This page does not exist
            </Title>
            <Text>The link may be out of date.</Text>
            {slug && (
              <Anchor component={Link} to={portalHomePath(slug)}>
                Go to the portal&apos;s home page
              </Anchor>
            )}
          </>
        )}
      </Stack>
    </CenteredCard>
  );
}

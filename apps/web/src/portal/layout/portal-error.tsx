import { Title } from '@mantine/core';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { CenteredCard } from './centered-card.tsx';

/** A portal page that could not load at all (the server unreachable, say), with a retry. */
export function PortalError({ what, error, onRetry }: { what: string; error: unknown; onRetry: () => void }) {
  return (
    <CenteredCard>
      <Title order={1} size="h2" mb="md">
        Patient portal
      </Title>
      <LoadError what={what} error={error} onRetry={onRetry} />
    </CenteredCard>
  );
}

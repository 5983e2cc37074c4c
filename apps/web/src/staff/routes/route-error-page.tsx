import { Button, Container, Group, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { BrandMark } from '../../shared/layout/brand-mark.tsx';

/** When a page fails to render: an apology and a way out, never a blank screen. */
export function RouteErrorPage() {
  return (
    <Container size="sm" py={96}>
      <BrandMark size={30} />
      <Title order={1} fz={26} mt="xl">
        This page ran into a problem
      </Title>
      <Text c="dimmed" mt="sm">
        Your data is safe. Reload the page to try again; if it keeps happening, tell your administrator what you were doing.
      </Text>
      <Group mt="xl">
        <Button leftSection={<IconRefresh size={16} />} onClick={() => window.location.reload()}>
          Reload
        </Button>
        <Button variant="default" component="a" href="/appointments">
          Go to Appointments
        </Button>
      </Group>
    </Container>
  );
}

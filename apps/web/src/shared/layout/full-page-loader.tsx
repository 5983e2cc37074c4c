import { Center, Loader, Stack, Text } from '@mantine/core';
import { BrandMark } from './brand-mark.tsx';

export function FullPageLoader({ label }: { label: string }) {
  return (
    <Center h="100dvh" role="status" aria-live="polite">
      <Stack align="center" gap="md">
        <BrandMark size={32} />
        <Loader size="sm" type="dots" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

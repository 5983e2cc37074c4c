import { Paper, Skeleton, Stack } from '@mantine/core';

export function SetupTableSkeleton({ label }: { label: string }) {
  return (
    <Paper withBorder radius="lg" bg="white">
      <Stack gap="sm" p="md" role="status" aria-label={label}>
        {[0, 1, 2, 3].map((row) => (
          <Skeleton key={row} height={30} radius="sm" />
        ))}
      </Stack>
    </Paper>
  );
}

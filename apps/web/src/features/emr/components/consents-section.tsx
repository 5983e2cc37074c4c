import type { Procedure } from '@glowdesk/contracts';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { formatClinicDate } from '../../appointments/clinic-time.ts';

/** The consents a chart's type requires, each signed or not by the patient; an unsigned one holds back signing the chart. */
export function ConsentsSection({ procedure, timeZone }: { procedure: Procedure; timeZone: string }) {
  const unsigned = procedure.requiredConsents.filter((consent) => consent.signedAt === null).length;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="required-consents-title">
      <Title order={2} fz="md" mb={4} id="required-consents-title">
        Consents required
      </Title>
      {!procedure.signedAt && unsigned > 0 && (
        <Text size="sm" c="dimmed" mb="sm">
          The chart can be signed once the patient has signed {unsigned === 1 ? 'this consent' : 'these consents'}.
        </Text>
      )}
      <Stack gap="xs" mt="xs">
        {procedure.requiredConsents.map((consent) => (
          <Group key={consent.templateId} justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm" fw={600}>
              {consent.name}
            </Text>
            {consent.signedAt ? (
              <Badge color="teal" variant="light" tt="none" leftSection={<IconCircleCheck size={14} aria-hidden />}>
                Signed {formatClinicDate(consent.signedAt, timeZone)}
              </Badge>
            ) : (
              <Badge color="red" variant="light" tt="none" leftSection={<IconAlertTriangle size={14} aria-hidden />}>
                Not signed
              </Badge>
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

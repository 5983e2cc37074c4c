import { practiceSlugSchema } from '@glowdesk/contracts';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useChangePortalAddress, usePracticeSettings } from '../api/booking-portal-api.ts';

/** The practice's address for its patient portal and online booking page; only an owner changes it. */
export function PortalAddressCard({ canChange }: { canChange: boolean }) {
  const practice = usePracticeSettings();
  const change = useChangePortalAddress();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const saved = practice.data?.slug ?? '';
  const value = draft ?? saved;

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = practiceSlugSchema.safeParse(value);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? 'Check the address.');
    change.mutate(parsed.data, {
      onSuccess: (result) => {
        setDraft(null);
        notifications.show({ color: 'lagoon', title: 'Portal address saved', message: `Patients use the address “${result.slug}”.` });
      },
      onError: (error) => setProblem(isApiProblem(error) ? error.detail : 'The address was not saved. Try again.'),
    });
  }

  return (
    <Paper withBorder radius="lg" bg="white" p="lg">
      <form onSubmit={save} noValidate aria-label="Portal address">
        <Stack gap="sm">
          <Title order={2} fz="lg">
            Portal address
          </Title>
          <Text size="sm" c="dimmed">
            The short name in the address of your patient portal and online booking page: lower-case letters, digits and hyphens.
            {canChange ? '' : ' Only an owner can change it.'}
          </Text>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Address name"
              value={value}
              onChange={(event) => {
                setDraft(event.currentTarget.value);
                setProblem(null);
              }}
              error={problem}
              readOnly={!canChange}
              placeholder={practice.isPending ? 'Loading…' : 'e.g. glow-medspa'}
              w={{ base: '100%', sm: 320 }}
              maxLength={40}
            />
            {canChange && (
              <Button type="submit" mt={25} loading={change.isPending} disabled={value === saved}>
                Save address
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

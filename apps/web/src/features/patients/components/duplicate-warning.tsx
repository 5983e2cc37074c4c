import type { DuplicateMatch } from '@glowdesk/contracts';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { formatPhone } from '../format-phone.ts';
import { describeBirthDate } from '../../../shared/format/person-dates.ts';

const matchReasons: Record<DuplicateMatch['matchedOn'][number], string> = {
  email: 'same email',
  phone: 'same phone',
  name_and_date_of_birth: 'same name and date of birth',
  name: 'same name',
};

interface DuplicateWarningProps {
  matches: DuplicateMatch[];
  /** "Use this patient" while booking, "Open profile" on the Clients page. */
  actionLabel: string;
  onAction: (match: DuplicateMatch) => void;
}

/** Profiles that may be the same person: several people may share a phone or email, so it warns and lets staff decide. */
export function DuplicateWarning({ matches, actionLabel, onAction }: DuplicateWarningProps) {
  if (matches.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconUsers size={18} />}
      title={matches.length === 1 ? 'This may be an existing patient' : `${matches.length} existing patients may match`}
      role="status"
      styles={{ body: { minWidth: 0 } }}
    >
      <Stack gap={8}>
        {matches.slice(0, 4).map((match) => (
          <Group key={match.id} justify="space-between" wrap="nowrap" gap="sm">
            <div style={{ minWidth: 0, flex: 1 }}>
              <Text size="sm" fw={600}>
                {match.firstName} {match.lastName}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {[match.email, match.phone ? formatPhone(match.phone) : null, describeBirthDate(match.dateOfBirth)]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <Text size="xs" c="yellow.9">
                {match.matchedOn.map((reason) => matchReasons[reason]).join(', ')}
              </Text>
            </div>
            <Button
              size="xs"
              variant="white"
              color="dark"
              onClick={() => onAction(match)}
              aria-label={`${actionLabel}: ${match.firstName} ${match.lastName}`}
            >
              {actionLabel}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

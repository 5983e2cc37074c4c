import { List, Text, ThemeIcon } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';

/** What must exist before an appointment can be booked, in the order clinics set it up. */
const bookingPrerequisites = [
  'Clinics or locations',
  'Provider user profiles',
  'Services, and the equipment or rooms they use',
  'Provider schedules (working hours)',
];

/** The book before the practice is set up: what to set up first, and who can. */
export function BookSetupNeeded({ setupAction, what }: { setupAction: ReactNode; what: 'clinics' | 'providers' }) {
  return (
    <EmptyStateCard
      icon={<IconCalendarEvent size={26} stroke={1.6} />}
      title={what === 'clinics' ? 'No clinics set up yet' : 'No providers work at this clinic yet'}
      description="Appointments appear here, one column per provider with their working hours shaded. Before the first booking, set up:"
      details={
        <List
          type="ordered"
          spacing={8}
          size="sm"
          aria-label="Set up before booking"
          mx="auto"
          style={{ width: 'fit-content', textAlign: 'left' }}
        >
          {bookingPrerequisites.map((step, index) => (
            <List.Item
              key={step}
              icon={
                <ThemeIcon size={22} radius="xl" variant="light">
                  <Text size="xs" fw={700} span>
                    {index + 1}
                  </Text>
                </ThemeIcon>
              }
            >
              {step}
            </List.Item>
          ))}
        </List>
      }
      actions={setupAction}
    />
  );
}

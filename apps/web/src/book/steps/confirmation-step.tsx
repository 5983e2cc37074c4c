import { Anchor, Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCalendarCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import type { BookedAppointment } from '../api/create-booking.ts';
import { portalAppointmentsPath } from '../book-paths.ts';
import { formatVisitTime } from '../format/booking-format.ts';

interface ConfirmationStepProps {
  slug: string;
  appointment: BookedAppointment;
  timeZone: string;
  email: string | null;
  onBookAnother: () => void;
}

/** Booked: when and where on the clinic's clock, with whom, for what, and where to see it again. */
export function ConfirmationStep({ slug, appointment, timeZone, email, onBookAnother }: ConfirmationStepProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo({ top: 0 });
  }, []);
  const when = formatVisitTime(appointment.start, appointment.end, timeZone);
  return (
    <Stack gap="md" className="book-panel">
      <ThemeIcon size={48} radius="xl" variant="light" aria-hidden="true">
        <IconCalendarCheck size={26} />
      </ThemeIcon>
      <Title order={1} size="h2" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
        You are booked
      </Title>
      <dl className="book-review">
        <div className="book-review-line">
          <dt>When</dt>
          <dd>
            {when.day}
            <br />
            {when.time}
          </dd>
        </div>
        <div className="book-review-line">
          <dt>{appointment.serviceNames.length === 1 ? 'Service' : 'Services'}</dt>
          <dd>{appointment.serviceNames.join(', ')}</dd>
        </div>
        <div className="book-review-line">
          <dt>Provider</dt>
          <dd>{appointment.providerName}</dd>
        </div>
        <div className="book-review-line">
          <dt>Location</dt>
          <dd>
            {appointment.clinicName}
            {appointment.mode === 'virtual' ? ' (virtual visit)' : ''}
          </dd>
        </div>
      </dl>
      <Text>
        {email ? (
          <>
            We emailed a confirmation to{' '}
            <Text span fw={600}>
              {email}
            </Text>{' '}
            with a calendar invite: open it to add the appointment to your calendar.
          </>
        ) : (
          'The clinic sends you a confirmation with a calendar invite to add the appointment to your calendar.'
        )}
      </Text>
      <Anchor href={portalAppointmentsPath(slug)} fw={600}>
        See your appointments in the patient portal
      </Anchor>
      <Button variant="default" onClick={onBookAnother}>
        Book another appointment
      </Button>
    </Stack>
  );
}

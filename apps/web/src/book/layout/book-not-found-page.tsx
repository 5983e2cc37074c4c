import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMapPinQuestion } from '@tabler/icons-react';
import { useEffect } from 'react';
import { BookFrame } from './book-frame.tsx';

/** No practice books online at this address (a mistyped or outdated link), or the path is not a booking page. */
export function BookNotFoundPage({ slug }: { slug: string | undefined }) {
  useEffect(() => {
    document.title = 'Booking page not found';
  }, []);
  return (
    <BookFrame practiceName={undefined}>
      <Stack gap="md" align="flex-start" className="book-panel">
        <ThemeIcon size={48} radius="xl" variant="light" aria-hidden="true">
          <IconMapPinQuestion size={26} />
        </ThemeIcon>
        <Title order={1} size="h2">
          This booking page does not exist
        </Title>
        <Text>
          {slug ? (
            <>
              No clinic takes online bookings at the address{' '}
              <Text span fw={600}>
                “{slug}”
              </Text>
              .
            </>
          ) : (
            'This address is not a clinic’s booking page.'
          )}{' '}
          Check the link the clinic gave you, or ask the clinic for their online booking address.
        </Text>
      </Stack>
    </BookFrame>
  );
}

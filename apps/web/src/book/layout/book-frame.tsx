import { Box, Container, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Every booking screen: the clinic's name on top, one column below (full width on a phone). */
export function BookFrame({ practiceName, children }: { practiceName: string | undefined; children: ReactNode }) {
  return (
    <Box mih="100dvh" className="book-page">
      <header className="book-header">
        <Container size="sm" px={{ base: 'md', sm: 'lg' }} py="sm">
          <Text fw={700} size="lg" c="lagoon.8" truncate="end">
            {practiceName ?? 'Online booking'}
          </Text>
          <Text size="sm" c="dimmed">
            Book an appointment online
          </Text>
        </Container>
      </header>
      <Container component="main" size="sm" px={{ base: 0, xs: 'lg' }} py={{ base: 0, xs: 'lg' }}>
        {children}
      </Container>
    </Box>
  );
}

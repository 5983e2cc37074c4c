import type { Invoice } from '@glowdesk/contracts';
import { Text, Timeline } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { formatClinicDate, formatClinicTime, zoneAbbreviation } from '../../appointments/clinic-time.ts';
import { invoiceEventLines, invoiceEventTitle } from '../invoice-history-text.ts';
import { SectionCard } from './section-card.tsx';

/** Every change to the invoice, oldest first: who, when, what. */
export function InvoiceHistoryCard({ invoice, timeZone }: { invoice: Invoice; timeZone: string }) {
  return (
    <SectionCard title="History">
      {invoice.history.length === 0 ? (
        <Text size="sm" c="dimmed">
          No changes recorded yet.
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2} active={invoice.history.length - 1} aria-label="Invoice history">
          {invoice.history.map((event) => (
            <Timeline.Item key={event.id} bullet={<IconHistory size={12} />} title={invoiceEventTitle(event.type)}>
              <Text size="xs" c="dimmed">
                {event.actorName ?? 'Glowdesk'} · {formatClinicDate(event.occurredAt, timeZone)},{' '}
                {formatClinicTime(event.occurredAt, timeZone)} {zoneAbbreviation(event.occurredAt, timeZone)}
              </Text>
              {invoiceEventLines(event, invoice.currency).map((line) => (
                <Text key={line} size="sm" mt={2} style={{ overflowWrap: 'anywhere' }}>
                  {line}
                </Text>
              ))}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </SectionCard>
  );
}

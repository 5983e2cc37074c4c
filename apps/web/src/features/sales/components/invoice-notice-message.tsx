import { Anchor, Stack, Text } from '@mantine/core';

interface InvoiceNoticeMessageProps {
  message: string;
  invoiceNumber?: number | undefined;
  /** Opens the invoice in Sales (notifications live outside the router, so the caller navigates). */
  onOpen: () => void;
}

/** A notification's words with a link to the invoice they are about. */
export function InvoiceNoticeMessage({ message, invoiceNumber, onOpen }: InvoiceNoticeMessageProps) {
  return (
    <Stack gap={4}>
      <Text size="sm">{message}</Text>
      <Anchor component="button" type="button" size="sm" fw={600} ta="left" onClick={onOpen}>
        {invoiceNumber === undefined ? 'Open the invoice in Sales' : `Open invoice #${invoiceNumber} in Sales`}
      </Anchor>
    </Stack>
  );
}

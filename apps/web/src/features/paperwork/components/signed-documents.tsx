import { paperworkKindLabels, type SignedDocument } from '@glowdesk/contracts';
import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { useSignedDocuments } from '../api/get-signed-documents.ts';
import { signedPdfUrl } from '../api/witness-paperwork-assignment.ts';
import { formatPaperworkDateTime } from '../format-paperwork-time.ts';
import { PaperworkKindIcon } from './paperwork-kind-icon.tsx';

function WitnessLine({ document, timeZone }: { document: SignedDocument; timeZone: string }) {
  switch (document.witness.status) {
    case 'not_required':
      return null;
    case 'awaiting':
      return (
        <Badge color="orange" variant="light" size="sm" tt="none" fw={600}>
          Witness signature required
        </Badge>
      );
    case 'signed':
      return (
        <Text size="xs" c="dimmed">
          Witnessed by {document.witness.name} · {formatPaperworkDateTime(document.witness.signedAt, timeZone)}
        </Text>
      );
    default: {
      const unknown: never = document.witness;
      throw new Error(`unknown witness status ${JSON.stringify(unknown)}`);
    }
  }
}

function SignedDocumentRow({ document, timeZone, first }: { document: SignedDocument; timeZone: string; first: boolean }) {
  const when = formatPaperworkDateTime(document.signedAt, timeZone);
  return (
    <Group
      component="li"
      aria-label={document.name}
      justify="space-between"
      align="flex-start"
      gap="sm"
      py={10}
      style={first ? undefined : { borderTop: '1px solid var(--glowdesk-border)' }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: '1 1 260px' }}>
        <span style={{ color: 'var(--mantine-color-gray-6)', display: 'flex', paddingTop: 2 }}>
          <PaperworkKindIcon kind={document.kind} />
        </span>
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {document.name}
          </Text>
          <Text size="xs" c="dimmed">
            {paperworkKindLabels[document.kind]} · version {document.templateVersion}
          </Text>
          <Text size="xs">{document.signerName ? `Signed ${when} by ${document.signerName}` : `Filled in ${when}`}</Text>
          <WitnessLine document={document} timeZone={timeZone} />
        </Stack>
      </Group>
      {document.hasPdf && (
        <Button
          component="a"
          href={signedPdfUrl(document.assignmentId)}
          download
          size="compact-sm"
          variant="default"
          leftSection={<IconDownload size={14} aria-hidden="true" />}
          aria-label={`Download PDF of ${document.name}`}
        >
          Download PDF
        </Button>
      )}
    </Group>
  );
}

/** The client profile's Signed documents: signed consents and filled questionnaires, with the PDF of each consent. */
export function SignedDocuments({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const documents = useSignedDocuments(patientId);
  let content;
  if (documents.isError) {
    content = <LoadError what="the signed documents" error={documents.error} onRetry={() => void documents.refetch()} />;
  } else if (documents.isPending) {
    content = <Skeleton height={60} />;
  } else if (documents.data.length === 0) {
    content = (
      <Text size="sm" c="dimmed">
        Nothing signed yet. Consents the client signs and questionnaires they fill in, in the portal, show here.
      </Text>
    );
  } else {
    content = (
      <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {documents.data.map((document, index) => (
          <SignedDocumentRow key={document.assignmentId} document={document} timeZone={timeZone} first={index === 0} />
        ))}
      </Stack>
    );
  }
  return (
    <Paper withBorder radius="lg" bg="white" p="md" component="section" aria-label="Signed documents">
      <Title order={2} fz={17} mb="sm">
        Signed documents
      </Title>
      {content}
    </Paper>
  );
}

import type { PortalPaperworkItem } from '@glowdesk/contracts';
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { useSignConsent } from '../api/portal-paperwork.ts';
import { useCurrentPractice } from '../layout/current-practice.ts';
import { SignaturePad } from './signature-pad.tsx';

/** Signs a consent: a drawn signature and the typed full name. Once signed, it cannot be signed again here. */
export function ConsentSigning({ item, onDone }: { item: PortalPaperworkItem; onDone: (message: string) => void }) {
  const practice = useCurrentPractice();
  const sign = useSignConsent(practice.slug);
  const [signature, setSignature] = useState<string | null>(null);
  const [typedName, setTypedName] = useState('');
  const [missing, setMissing] = useState<{ signature?: string; typedName?: string }>({});
  const problem = isApiProblem(sign.error) ? sign.error : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const needed = {
      ...(signature ? {} : { signature: 'Draw your signature in the box.' }),
      ...(typedName.trim() ? {} : { typedName: 'Type your full name.' }),
    };
    setMissing(needed);
    if (!signature || !typedName.trim()) return;
    sign.mutate(
      { assignmentId: item.id, signature, typedName: typedName.trim() },
      {
        onSuccess: (signed) =>
          onDone(
            signed.status === 'witness_signature_required'
              ? `${item.name} is signed. A member of the clinic's team will sign it as witness.`
              : `${item.name} is signed.`,
          ),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SignaturePad label="Your signature" error={missing.signature ?? problem?.messageFor('signature')} onChange={setSignature} />
        <TextInput
          label="Your full name"
          autoComplete="name"
          required
          value={typedName}
          onChange={(event) => setTypedName(event.currentTarget.value)}
          error={missing.typedName ?? problem?.messageFor('typedName')}
        />
        {problem && !problem.field && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {problem.detail}
          </Alert>
        )}
        <Button type="submit" loading={sign.isPending}>
          Sign consent
        </Button>
      </Stack>
    </form>
  );
}

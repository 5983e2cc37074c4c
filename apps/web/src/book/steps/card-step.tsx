import { Alert, Button, Checkbox, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCreditCard } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { GatewayCardForm, type GatewayCard } from '../../features/appointments/components/gateway-card-form.tsx';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { cardLabel } from '../../shared/format/card-label.ts';
import type { BookingCatalog } from '../api/booking-catalog.ts';
import { useSavePatientCard, useStartCardSetup } from '../api/patient-cards.ts';
import { StepPage } from '../layout/step-page.tsx';

export interface SavedCard {
  paymentMethodId: string;
  label: string;
  policyVersionId: string | undefined;
}

interface CardStepProps {
  position: number;
  count: number;
  onBack?: (() => void) | undefined;
  policy: BookingCatalog['cancellationPolicies'][number] | undefined;
  clinicName: string;
  saved: SavedCard | undefined;
  onDone: (card: SavedCard) => void;
  onSignedOut: () => void;
}

/**
 * A chosen service needs a card on file: the clinic's cancellation policy, "I agree", and the
 * card through the gateway's own form. The card is saved on the patient's profile; what they
 * agreed to goes with the booking.
 */
export function CardStep({ position, count, onBack, policy, clinicName, saved, onDone, onSignedOut }: CardStepProps) {
  // Without a published policy there is nothing to agree to; the card alone is asked for.
  const [agreed, setAgreed] = useState(saved !== undefined || policy === undefined);
  const [card, setCard] = useState<SavedCard | undefined>(saved);
  const [showAgreeError, setShowAgreeError] = useState(false);
  const [showCardError, setShowCardError] = useState(false);
  const setup = useStartCardSetup();
  const save = useSavePatientCard();
  const { mutate: startSetup } = setup;
  const { mutate: saveCard } = save;

  useEffect(() => {
    if (!card) startSetup(undefined, { onError: (error) => isApiProblem(error, 401) && onSignedOut() });
  }, [card, startSetup, onSignedOut]);

  const onCard = useCallback(
    (gatewayCard: GatewayCard) => {
      saveCard(gatewayCard.token, {
        onSuccess: (method) => {
          setShowCardError(false);
          setCard({ paymentMethodId: method.id, label: cardLabel(method), policyVersionId: policy?.policyVersionId });
        },
        onError: (error) => isApiProblem(error, 401) && onSignedOut(),
      });
    },
    [saveCard, policy?.policyVersionId, onSignedOut],
  );

  function next() {
    setShowAgreeError(!agreed);
    setShowCardError(!card);
    if (agreed && card) onDone({ ...card, policyVersionId: policy?.policyVersionId });
  }

  return (
    <StepPage title="Cancellation policy and card" position={position} count={count} onBack={onBack}>
      <Text size="sm">
        A service you chose needs a card on file to book online. Nothing is charged now; the card is used only as the policy below says.
      </Text>
      <Stack gap="xs" component="section" aria-labelledby="book-policy-heading">
        <Title order={2} size="h4" id="book-policy-heading">
          {clinicName} cancellation policy
        </Title>
        {policy ? (
          // A long policy scrolls in its own box; the box takes the focus so a keyboard can scroll it.
          <div className="book-policy" tabIndex={0} role="region" aria-label="Cancellation policy text">
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {policy.text}
            </Text>
          </div>
        ) : (
          <Text size="sm">{clinicName} has not published a cancellation policy. Ask the clinic about fees for late cancellation.</Text>
        )}
        {policy && (
          <Checkbox
            label="I agree to the cancellation policy"
            checked={agreed}
            onChange={(event) => {
              setAgreed(event.currentTarget.checked);
              setShowAgreeError(false);
            }}
            error={showAgreeError ? 'Agree to the policy to book this service online.' : undefined}
            size="md"
          />
        )}
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="book-card-heading">
        <Title order={2} size="h4" id="book-card-heading">
          Card on file
        </Title>
        {card ? (
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="xs" wrap="nowrap" role="status">
              <IconCreditCard size={20} aria-hidden="true" />
              <Text fw={600}>{card.label}</Text>
              <Text size="sm" c="dimmed">
                saved
              </Text>
            </Group>
            <Button variant="subtle" size="compact-sm" onClick={() => setCard(undefined)}>
              Use another card
            </Button>
          </Group>
        ) : save.isPending ? (
          <Loader size="sm" type="dots" aria-label="Saving the card" />
        ) : setup.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {isApiProblem(setup.error) ? setup.error.detail : 'The card form could not be loaded.'}{' '}
            <Button variant="white" size="compact-xs" onClick={() => startSetup(undefined)}>
              Try again
            </Button>
          </Alert>
        ) : setup.data ? (
          <GatewayCardForm config={setup.data} onCard={onCard} />
        ) : (
          <Loader size="sm" type="dots" aria-label="Loading the card form" />
        )}
        {save.isError && !card && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {isApiProblem(save.error) ? save.error.detail : 'The card could not be saved. Try again.'}
          </Alert>
        )}
        {showCardError && !card && (
          <Text size="sm" c="red.8" role="alert">
            Enter a card to continue.
          </Text>
        )}
      </Stack>
      <div className="book-actions">
        <Button size="md" fullWidth onClick={next}>
          Continue
        </Button>
      </div>
    </StepPage>
  );
}

import type { PortalMe } from '@glowdesk/contracts';
import { Alert, Button, Stack, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import type { BookableClinic, BookingCatalog } from '../api/booking-catalog.ts';
import { useCreateBooking, type BookedAppointment, type CreateBookingRequest } from '../api/create-booking.ts';
import { formatDuration, type Treatment, type TreatmentSummary } from '../booking-choices.ts';
import { formatPrice, formatVisitTime } from '../format/booking-format.ts';
import { StepPage } from '../layout/step-page.tsx';
import type { SavedCard } from './card-step.tsx';
import type { ChosenSlot } from './time-step.tsx';

const SLOT_TAKEN = 'That time was just taken. Choose another time.';

interface ReviewStepProps {
  position: number;
  count: number;
  onBack?: (() => void) | undefined;
  slug: string;
  catalog: BookingCatalog;
  clinic: BookableClinic;
  treatment: Treatment;
  summary: TreatmentSummary;
  providerId: string | null;
  slot: ChosenSlot;
  card: SavedCard | undefined;
  patient: PortalMe['patient'] | undefined;
  onBooked: (appointment: BookedAppointment) => void;
  onSlotTaken: (message: string) => void;
  onCardNeeded: () => void;
  onSignedOut: () => void;
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="book-review-line">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Everything chosen, an optional note, and "Book appointment". */
export function ReviewStep(props: ReviewStepProps) {
  const { position, count, onBack, slug, catalog, clinic, treatment, summary, providerId, slot, card, patient } = props;
  const book = useCreateBooking(slug);
  const [notes, setNotes] = useState('');
  // One key per attempt at this time: pressing again after a lost answer books once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const when = formatVisitTime(slot.start, slot.end, clinic.timezone);
  const providerName = providerId ? catalog.providers.find((provider) => provider.id === providerId)?.displayName : undefined;

  function submit() {
    const request: CreateBookingRequest = {
      clinicId: clinic.id,
      ...(treatment.kind === 'package' ? { packageId: treatment.packageId } : { serviceIds: treatment.serviceIds }),
      mode: summary.mode,
      start: slot.start,
      ...(providerId ? { providerId } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(card ? { paymentMethodId: card.paymentMethodId } : {}),
      ...(card?.policyVersionId ? { policyAcceptance: { policyVersionId: card.policyVersionId, accepted: true as const } } : {}),
    };
    book.mutate(
      { request, idempotencyKey },
      {
        onSuccess: props.onBooked,
        onError: (error) => {
          // slot_taken, or any other conflict over the time (booked meanwhile, a room taken): choose again.
          if (isApiProblem(error, 409)) props.onSlotTaken(SLOT_TAKEN);
          else if (isApiProblem(error, 400) && error.code === 'card_required') props.onCardNeeded();
          else if (isApiProblem(error, 401)) props.onSignedOut();
        },
      },
    );
  }

  const problem = isApiProblem(book.error) ? book.error : undefined;
  return (
    <StepPage title="Review and book" position={position} count={count} onBack={onBack}>
      <dl className="book-review" data-slot-start={slot.start}>
        <Line label="When">
          {when.day}
          <br />
          {when.time}
        </Line>
        <Line label={summary.names.length === 1 ? 'Service' : 'Services'}>{summary.names.join(', ')}</Line>
        <Line label="Length and price">
          {formatDuration(summary.durationMinutes)} · {formatPrice(summary.priceCents, summary.currency)}
        </Line>
        <Line label="Provider">{providerName ?? 'Any provider'}</Line>
        <Line label="Location">
          {clinic.name}
          {clinic.address ? (
            <>
              <br />
              {clinic.address}
            </>
          ) : null}
        </Line>
        {patient && (
          <Line label="For">
            {patient.firstName} {patient.lastName}
          </Line>
        )}
        {card && <Line label="Card on file">{card.label} (agreed to the cancellation policy)</Line>}
      </dl>
      <Textarea
        label="Anything the clinic should know? (optional)"
        value={notes}
        onChange={(event) => setNotes(event.currentTarget.value)}
        maxLength={1000}
        autosize
        minRows={2}
      />
      {problem && !(problem.status === 409 || problem.status === 401 || problem.code === 'card_required') && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          {problem.detail}
        </Alert>
      )}
      {book.isError && !problem && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          The appointment could not be booked. Try again.
        </Alert>
      )}
      <Stack gap={4} className="book-actions">
        <Button size="md" fullWidth loading={book.isPending} onClick={submit}>
          Book appointment
        </Button>
      </Stack>
    </StepPage>
  );
}

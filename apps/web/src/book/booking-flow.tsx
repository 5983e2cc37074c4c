import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usePortalMe } from '../portal/api/portal-session.ts';
import { portalKeys } from '../portal/api/portal-query-keys.ts';
import type { BookableClinic, BookingCatalog } from './api/booking-catalog.ts';
import type { BookedAppointment } from './api/create-booking.ts';
import { clinicsOffering, summarizeTreatment, type Treatment } from './booking-choices.ts';
import { AccountStep } from './steps/account-step.tsx';
import { CardStep, type SavedCard } from './steps/card-step.tsx';
import { ClinicStep } from './steps/clinic-step.tsx';
import { ConfirmationStep } from './steps/confirmation-step.tsx';
import { ProviderStep } from './steps/provider-step.tsx';
import { ReviewStep } from './steps/review-step.tsx';
import { TimeStep, type ChosenSlot } from './steps/time-step.tsx';
import { TreatmentStep } from './steps/treatment-step.tsx';

type StepName = 'clinic' | 'treatment' | 'provider' | 'time' | 'account' | 'card' | 'review';

interface Choices {
  clinic?: BookableClinic | undefined;
  treatment?: Treatment | undefined;
  /** Null: any provider. */
  providerId?: string | null | undefined;
  slot?: ChosenSlot | undefined;
  card?: SavedCard | undefined;
}

/**
 * The booking, one step at a time: clinic (skipped when there is one), services or a package,
 * provider or any, a time, sign-in or sign-up (skipped when signed in), the cancellation policy
 * and a card (only when a chosen service requires one), then review and book.
 */
export function BookingFlow({ slug, catalog }: { slug: string; catalog: BookingCatalog }) {
  const clinics = clinicsOffering(catalog);
  const onlyClinic = clinics.length === 1 ? clinics[0] : undefined;
  const [choices, setChoices] = useState<Choices>({ clinic: onlyClinic });
  const [step, setStep] = useState<StepName>(onlyClinic ? 'treatment' : 'clinic');
  const [slotNotice, setSlotNotice] = useState<string | undefined>();
  const [booked, setBooked] = useState<BookedAppointment | undefined>();
  const [accountShown, setAccountShown] = useState(false);
  const me = usePortalMe(slug);
  const queryClient = useQueryClient();
  // A session opened at another practice's portal does not book here: sign in again for this one.
  const patient = me.data?.practice.slug === slug ? me.data : undefined;
  const signedIn = patient !== undefined;

  const summary = choices.treatment ? summarizeTreatment(catalog, choices.treatment) : undefined;
  // Once the patient has seen the account step it keeps its place in the count, signed in or not.
  const withAccount = !signedIn || accountShown;
  const steps: StepName[] = [
    ...(onlyClinic ? [] : (['clinic'] as const)),
    'treatment',
    'provider',
    'time',
    ...(withAccount ? (['account'] as const) : []),
    ...(summary?.requiresCard ? (['card'] as const) : []),
    'review',
  ];
  const go = (next: StepName) => {
    if (next === 'account') setAccountShown(true);
    setStep(next);
  };
  /** The step after `current`: the account step only for someone not signed in, the card step only until a card is saved. */
  const after = (current: StepName): StepName => {
    const following = steps
      .slice(steps.indexOf(current) + 1)
      .filter((candidate) => (candidate !== 'account' || !signedIn) && (candidate !== 'card' || !choices.card));
    return following[0] ?? 'review';
  };
  const back = (current: StepName): (() => void) | undefined => {
    const previous = steps[steps.indexOf(current) - 1];
    return previous ? () => go(previous) : undefined;
  };

  if (booked) {
    return (
      <ConfirmationStep
        slug={slug}
        appointment={booked}
        timeZone={booked.timezone}
        email={patient?.patient.email ?? null}
        onBookAnother={() => {
          setBooked(undefined);
          setChoices({ clinic: onlyClinic });
          setStep(onlyClinic ? 'treatment' : 'clinic');
        }}
      />
    );
  }

  const frame = { position: steps.indexOf(step) + 1, count: steps.length, onBack: back(step) };
  switch (step) {
    case 'clinic':
      return (
        <ClinicStep
          {...frame}
          clinics={clinics}
          chosenId={choices.clinic?.id}
          onChoose={(clinic) => {
            setChoices(clinic.id === choices.clinic?.id ? choices : { clinic });
            go('treatment');
          }}
        />
      );
    case 'treatment':
      if (!choices.clinic) return null;
      return (
        <TreatmentStep
          {...frame}
          catalog={catalog}
          clinic={choices.clinic}
          initial={choices.treatment}
          onChoose={(treatment) => {
            setChoices({ clinic: choices.clinic, treatment, card: choices.card });
            go('provider');
          }}
        />
      );
    case 'provider':
      if (!choices.clinic || !summary) return null;
      return (
        <ProviderStep
          {...frame}
          catalog={catalog}
          clinicId={choices.clinic.id}
          summary={summary}
          chosen={choices.providerId}
          onChoose={(providerId) => {
            setChoices({ ...choices, providerId, slot: undefined });
            go('time');
          }}
        />
      );
    case 'time':
      if (!choices.clinic || !choices.treatment || !summary || choices.providerId === undefined) return null;
      return (
        <TimeStep
          {...frame}
          slug={slug}
          catalog={catalog}
          clinic={choices.clinic}
          treatment={choices.treatment}
          summary={summary}
          providerId={choices.providerId}
          notice={slotNotice}
          onChoose={(slot) => {
            setSlotNotice(undefined);
            setChoices({ ...choices, slot });
            go(after('time'));
          }}
        />
      );
    case 'account':
      return (
        <AccountStep
          {...frame}
          slug={slug}
          me={patient}
          onSignedIn={() => go(after('account'))}
          onSignedOut={() => setChoices({ ...choices, card: undefined })}
        />
      );
    case 'card': {
      if (!choices.clinic) return null;
      const clinicId = choices.clinic.id;
      return (
        <CardStep
          {...frame}
          policy={catalog.cancellationPolicies.find((policy) => policy.clinicId === clinicId)}
          clinicName={choices.clinic.name}
          saved={choices.card}
          onDone={(card) => {
            setChoices({ ...choices, card });
            go('review');
          }}
          onSignedOut={() => go('account')}
        />
      );
    }
    case 'review':
      if (!choices.clinic || !choices.treatment || !summary || !choices.slot || choices.providerId === undefined) return null;
      return (
        <ReviewStep
          {...frame}
          slug={slug}
          catalog={catalog}
          clinic={choices.clinic}
          treatment={choices.treatment}
          summary={summary}
          providerId={choices.providerId}
          slot={choices.slot}
          card={summary.requiresCard ? choices.card : undefined}
          patient={patient?.patient}
          onBooked={setBooked}
          onSlotTaken={(message) => {
            setSlotNotice(message);
            setChoices({ ...choices, slot: undefined });
            go('time');
          }}
          onCardNeeded={() => go('card')}
          onSignedOut={() => {
            void queryClient.resetQueries({ queryKey: portalKeys.me(slug) });
            go('account');
          }}
        />
      );
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}

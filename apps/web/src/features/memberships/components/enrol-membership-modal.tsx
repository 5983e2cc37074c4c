import type { BillingInterval, MembershipDetail, MembershipPlan } from '@glowdesk/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconCreditCard } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { cardExpiry, cardLabel } from '../../../shared/format/card-label.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { CardEntryFrame, type GatewayCard } from '../../appointments/components/card-entry-frame.tsx';
import { useAddPaymentMethod } from '../../patients/api/add-payment-method.ts';
import { usePaymentMethods } from '../../patients/api/get-payment-methods.ts';
import { useAllClinics } from '../../sales/api/get-all-clinics.ts';
import { useClientAgreement, useEnrolMembership, useEnrolPlans } from '../api/enrol-membership.ts';
import { EnrolAgreementSection } from './enrol-agreement-section.tsx';
import { EnrolPlanDetails, firstIntervalOf, intervalLabels, priceOf } from './enrol-plan-details.tsx';

/** Today's day of the month in the practice's zone: the draw day unless staff choose another. */
function todayDayIn(timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, day: 'numeric' }).format(new Date()));
}

function formatDate(localDate: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${localDate}T00:00:00Z`));
}

/** Problems the form shows beside a field, from the server's problem+json. */
function fieldOf(error: unknown, field: string): string | undefined {
  if (!isApiProblem(error) || error.status === 402) return undefined;
  if (error.field === field) return error.detail;
  return error.errors.find((problem) => problem.field === field)?.message;
}

const FORM_FIELDS = ['planId', 'interval', 'drawDay', 'paymentMethodId', 'couponCode', 'clinicId', 'agreementAssignmentId'];

/**
 * The client profile's Membership Plan form: plan, Monthly or Yearly with the plan's terms
 * filled in, the clinic when the plan is sold at several, a card on file or a new card through
 * the gateway's form, a coupon code, the draw day (today's by default) and the agreement
 * (signed now or sent to the portal). SAVE charges the first payment and sign-up fee at once; a
 * decline enrols nothing and says so here.
 */
export function EnrolMembershipModal({
  opened,
  patientId,
  patientName,
  timeZone,
  onClose,
}: {
  opened: boolean;
  patientId: string;
  patientName: string;
  timeZone: string;
  onClose: () => void;
}) {
  const plans = useEnrolPlans();
  const clinics = useAllClinics();
  const cards = usePaymentMethods(patientId);
  const addCard = useAddPaymentMethod();
  const enrol = useEnrolMembership(patientId);
  const [planId, setPlanId] = useState<string | null>(null);
  const [interval, setInterval] = useState<BillingInterval>('month');
  const [clinicId, setClinicId] = useState<string | null>(null);
  const [cardChoice, setCardChoice] = useState<'card_on_file' | 'new_card'>('card_on_file');
  const [paymentMethodId, setPaymentMethodId] = useState<string | null>(null);
  const [couponCode, setCouponCode] = useState('');
  const [drawDay, setDrawDay] = useState<number | string>(() => todayDayIn(timeZone));
  const [tried, setTried] = useState(false);
  const [enrolled, setEnrolled] = useState<MembershipDetail | null>(null);

  // A deactivated plan is no longer sold: its members keep it, nobody new joins.
  const plansForSale = (plans.data ?? []).filter((candidate) => candidate.active);
  const plan: MembershipPlan | undefined = plansForSale.find((candidate) => candidate.id === planId);
  const agreement = useClientAgreement(patientId, plan?.agreementTemplateId ? plan.id : null);
  const savedCards = cards.data ?? [];
  const chosenCardId = paymentMethodId ?? savedCards.find((card) => card.isDefault)?.id ?? savedCards[0]?.id ?? null;
  const cardId = cardChoice === 'card_on_file' ? chosenCardId : paymentMethodId;
  const clinicChoices = (plan?.clinicIds ?? []).map((id) => ({
    value: id,
    label: clinics.data?.find((clinic) => clinic.id === id)?.name ?? 'Clinic',
  }));
  const clinicIdToSend = clinicChoices.length > 1 ? clinicId : null;
  const signedAgreement = agreement.data?.status === 'signed' ? agreement.data : null;

  const { mutate: saveCard } = addCard;
  const onNewCard = useCallback(
    (entered: GatewayCard) =>
      saveCard(
        { patientId, gatewayToken: entered.token },
        {
          onSuccess: (saved) => {
            setPaymentMethodId(saved.id);
          },
        },
      ),
    [saveCard, patientId],
  );

  function close() {
    enrol.reset();
    addCard.reset();
    setPlanId(null);
    setTried(false);
    setEnrolled(null);
    setCouponCode('');
    setPaymentMethodId(null);
    setCardChoice('card_on_file');
    onClose();
  }

  const drawDayNumber = typeof drawDay === 'number' ? drawDay : Number(drawDay);
  const missing = {
    planId: !plan ? 'Choose a plan.' : undefined,
    clinicId: clinicChoices.length > 1 && !clinicId ? 'Choose the clinic the membership belongs to.' : undefined,
    paymentMethodId: !cardId ? (cardChoice === 'new_card' ? 'Enter the new card first.' : 'Choose a card.') : undefined,
    drawDay: !Number.isInteger(drawDayNumber) || drawDayNumber < 1 || drawDayNumber > 31 ? 'Must be a day from 1 to 31.' : undefined,
    agreementAssignmentId:
      plan?.agreementTemplateId && !signedAgreement
        ? 'The client signs the agreement before enrolling: sign it now or send it to the portal.'
        : undefined,
  };

  function save() {
    setTried(true);
    if (!plan || !cardId || Object.values(missing).some(Boolean)) return;
    enrol.mutate(
      {
        planId: plan.id,
        interval,
        drawDay: drawDayNumber,
        paymentMethodId: cardId,
        ...(couponCode.trim() ? { couponCode: couponCode.trim() } : {}),
        ...(clinicIdToSend ? { clinicId: clinicIdToSend } : {}),
        ...(signedAgreement ? { agreementAssignmentId: signedAgreement.assignmentId } : {}),
      },
      { onSuccess: (membership) => setEnrolled(membership) },
    );
  }

  const shown = (field: keyof typeof missing | 'couponCode') =>
    (tried && field !== 'couponCode' ? missing[field] : undefined) ?? fieldOf(enrol.error, field);
  const declined = isApiProblem(enrol.error, 402);
  const otherProblem =
    enrol.error && !declined && !(isApiProblem(enrol.error) && enrol.error.field && FORM_FIELDS.includes(enrol.error.field))
      ? isApiProblem(enrol.error)
        ? enrol.error.detail
        : 'The membership could not be saved. Try again.'
      : undefined;

  const firstPeriod = enrolled?.periods.find((period) => period.number === 0);
  return (
    <Modal opened={opened} onClose={close} title={`Membership Plan for ${patientName}`} size="lg">
      {enrolled ? (
        <Stack gap="sm">
          <Alert color="lagoon" variant="light" icon={<IconCircleCheck size={18} />} title={`${patientName} is a member`}>
            {enrolled.planName}, {intervalLabels[enrolled.interval]}:{' '}
            {firstPeriod ? `${formatMoney(firstPeriod.amountCents, enrolled.currency)} paid today. ` : ''}
            {enrolled.nextDrawDate ? `Next draw on ${formatDate(enrolled.nextDrawDate)}.` : ''}
          </Alert>
          <Group justify="space-between">
            {firstPeriod?.invoiceId ? (
              <Anchor component={Link} to={`/sales/invoices/${firstPeriod.invoiceId}`} size="sm">
                View the first invoice
              </Anchor>
            ) : (
              <span />
            )}
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : plans.isError ? (
        <LoadError what="the membership plans" error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.isPending ? (
        <Skeleton height={200} />
      ) : plansForSale.length === 0 ? (
        <Text size="sm" c="dimmed">
          {plans.data.length === 0
            ? 'No membership plans yet. Owners and admins create them in Settings → Memberships.'
            : 'No membership plan is sold at the moment. Owners and admins reactivate plans in Settings → Memberships.'}
        </Text>
      ) : (
        <Stack gap="md">
          <Select
            label="Plan"
            placeholder="Choose a plan"
            required
            data={plansForSale.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            value={planId}
            onChange={(value) => {
              setPlanId(value);
              setClinicId(null);
              const next = plansForSale.find((candidate) => candidate.id === value);
              if (next) setInterval(firstIntervalOf(next));
            }}
            error={shown('planId')}
            comboboxProps={{ withinPortal: true }}
          />
          {plan && (
            <>
              <SegmentedControl
                aria-label="Billing interval"
                value={interval}
                onChange={(value) => setInterval(value)}
                data={(['month', 'year'] as const).map((value) => ({
                  value,
                  label: intervalLabels[value],
                  disabled: priceOf(plan, value) === null,
                }))}
              />
              <EnrolPlanDetails plan={plan} interval={interval} />
              {clinicChoices.length > 1 && (
                <Select
                  label="Clinic"
                  required
                  data={clinicChoices}
                  value={clinicId}
                  onChange={setClinicId}
                  error={shown('clinicId')}
                  comboboxProps={{ withinPortal: true }}
                />
              )}
            </>
          )}

          <Radio.Group
            label="Card"
            value={cardChoice}
            onChange={(value) => {
              setCardChoice(value);
              setPaymentMethodId(null);
            }}
          >
            <Group gap="lg" mt={6}>
              <Radio value="card_on_file" label="Card on file" disabled={cards.isSuccess && savedCards.length === 0} />
              <Radio value="new_card" label="New card" />
            </Group>
          </Radio.Group>
          {cardChoice === 'card_on_file' &&
            (cards.isPending ? (
              <Skeleton height={40} />
            ) : cards.isError ? (
              <LoadError what="the cards on file" error={cards.error} onRetry={() => void cards.refetch()} />
            ) : savedCards.length === 0 ? (
              <Text size="sm" c="dimmed">
                No card on file: choose New card.
              </Text>
            ) : (
              <Radio.Group aria-label="Card on file" value={chosenCardId} onChange={setPaymentMethodId}>
                <Stack gap={6}>
                  {savedCards.map((card) => (
                    <Radio
                      key={card.id}
                      value={card.id}
                      label={`${cardLabel(card)} (expires ${cardExpiry(card)})${card.isDefault ? ' · Default' : ''}`}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            ))}
          {cardChoice === 'new_card' &&
            (paymentMethodId ? (
              <Group gap="sm">
                <Badge size="lg" variant="light" color="lagoon" tt="none" leftSection={<IconCreditCard size={14} />}>
                  {(() => {
                    const saved = savedCards.find((card) => card.id === paymentMethodId);
                    return saved ? `${cardLabel(saved)} saved` : 'New card saved';
                  })()}
                </Badge>
                <Button size="xs" variant="subtle" onClick={() => setPaymentMethodId(null)}>
                  Use a different card
                </Button>
              </Group>
            ) : addCard.isPending ? (
              <Skeleton height={120} />
            ) : (
              <Stack gap={4}>
                {addCard.isError && (
                  <Alert color="red" variant="light" role="alert">
                    {isApiProblem(addCard.error) ? addCard.error.detail : 'The card could not be saved. Try again.'}
                  </Alert>
                )}
                <CardEntryFrame onCard={onNewCard} />
                <Text size="xs" c="dimmed">
                  The new card is saved to the client&apos;s cards on file, then charged on SAVE.
                </Text>
              </Stack>
            ))}
          {shown('paymentMethodId') && (
            <Text size="sm" c="red.7" role="alert">
              {shown('paymentMethodId')}
            </Text>
          )}

          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label="Coupon code"
              placeholder="Optional"
              value={couponCode}
              onChange={(event) => setCouponCode(event.currentTarget.value.toUpperCase())}
              error={shown('couponCode')}
              miw={180}
            />
            <NumberInput
              label="Draw day"
              description={`The day of the ${interval === 'month' ? 'month' : 'year’s enrolment month'} the fee is charged`}
              required
              min={1}
              max={31}
              allowDecimal={false}
              value={drawDay}
              onChange={setDrawDay}
              error={shown('drawDay')}
              miw={180}
            />
          </Group>

          {plan?.agreementTemplateId && (
            <EnrolAgreementSection
              key={plan.id}
              patientId={patientId}
              patientName={patientName}
              planId={plan.id}
              timeZone={timeZone}
              error={shown('agreementAssignmentId')}
            />
          )}

          {declined && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Card declined">
              {isApiProblem(enrol.error) ? enrol.error.detail : 'The card was declined, so nothing was enrolled.'}
            </Alert>
          )}
          {otherProblem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {otherProblem}
            </Alert>
          )}

          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {plan && priceOf(plan, interval) !== null
                ? `Charged on SAVE: ${formatMoney((priceOf(plan, interval) ?? 0) + plan.signUpFeeCents, plan.currency)}${plan.signUpFeeCents > 0 ? ' with the sign-up fee' : ''}, before any coupon.`
                : ' '}
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button onClick={save} loading={enrol.isPending}>
                Save
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

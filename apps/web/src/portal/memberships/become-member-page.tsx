import { membershipStatusLabels, type BillingInterval, type Membership, type PortalMembershipPlan } from '@glowdesk/contracts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Radio,
  ScrollArea,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCreditCard, IconCrown } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { PaperworkTextView } from '../../features/paperwork/components/paperwork-text-view.tsx';
import { EnrolPlanDetails, firstIntervalOf, intervalLabels, priceOf } from '../../features/memberships/components/enrol-plan-details.tsx';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { formatMoney } from '../../shared/format/money.ts';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { usePortalCards } from '../api/portal-payments.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { SignaturePad } from '../paperwork/signature-pad.tsx';
import { membershipCardPath } from '../portal-paths.ts';
import { CardChoice } from '../payments/card-choice.tsx';
import {
  useBecomeMember,
  useOpenAgreement,
  useOwnAgreement,
  useOwnMemberships,
  usePlansSoldOnline,
  useSignOwnAgreement,
} from './portal-memberships-api.ts';
import { mayUpdateCard, owesPayment } from './update-card.ts';

function formatDate(localDate: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${localDate}T00:00:00Z`));
}

function todayDayIn(timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, day: 'numeric' }).format(new Date()));
}

/**
 * Become A Member: the patient's memberships (status, next draw date), then the steps to join
 * a plan sold online — choose it, Monthly or Yearly, read and sign its agreement, pick or add a
 * card, a coupon, confirm. The first payment is charged at once; a decline enrols nothing.
 */
export function BecomeMemberPage() {
  usePageTitle('Become A Member');
  const practice = useCurrentPractice();
  const plans = usePlansSoldOnline(practice.slug);
  const mine = useOwnMemberships(practice.slug);

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Become A Member
      </Title>
      {mine.isError && <LoadError what="your memberships" error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.data && mine.data.length > 0 && <OwnMemberships memberships={mine.data} slug={practice.slug} />}
      {plans.isPending && <Skeleton h={200} radius="md" />}
      {plans.isError && <LoadError what="the membership plans" error={plans.error} onRetry={() => void plans.refetch()} />}
      {plans.data &&
        (plans.data.length === 0 ? (
          <Paper withBorder radius="md" p="md" bg="white">
            <Text size="sm" c="dimmed">
              {practice.name} sells no memberships online. Ask the clinic about joining at your next visit.
            </Text>
          </Paper>
        ) : (
          <JoinPlan
            plans={plans.data}
            heldPlanIds={new Set((mine.data ?? []).filter((m) => m.status !== 'cancelled').map((m) => m.planId))}
          />
        ))}
    </Stack>
  );
}

function OwnMemberships({ memberships, slug }: { memberships: Membership[]; slug: string }) {
  return (
    <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="my-memberships">
      <Title order={2} size="h4" id="my-memberships" mb="sm">
        My Memberships
      </Title>
      <Stack gap="sm">
        {memberships.map((membership) => (
          <Group key={membership.id} justify="space-between" wrap="nowrap" align="flex-start" data-testid="own-membership">
            <div>
              <Text fw={600}>{membership.planName}</Text>
              <Text size="sm" c="dimmed">
                {formatMoney(membership.priceCents, membership.currency)} / {membership.interval}
                {membership.nextDrawDate ? ` · next payment ${formatDate(membership.nextDrawDate)}` : ''}
              </Text>
              {owesPayment(membership.status) && (
                <Text size="sm" c="red.8">
                  A payment did not go through: update the card to pay it.
                </Text>
              )}
            </div>
            <Stack gap={6} align="flex-end" style={{ flexShrink: 0 }}>
              <Badge variant="light" tt="none" color={membership.status === 'active' ? 'lagoon' : 'yellow'}>
                {membershipStatusLabels[membership.status]}
              </Badge>
              {mayUpdateCard(membership.status) && (
                <Button
                  component={Link}
                  to={membershipCardPath(slug, membership.id)}
                  size="compact-sm"
                  variant={owesPayment(membership.status) ? 'filled' : 'subtle'}
                  leftSection={<IconCreditCard size={14} />}
                  aria-label={`Update card, ${membership.planName}`}
                >
                  Update card
                </Button>
              )}
            </Stack>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

function JoinPlan({ plans, heldPlanIds }: { plans: PortalMembershipPlan[]; heldPlanIds: Set<string> }) {
  const practice = useCurrentPractice();
  const cards = usePortalCards(practice.slug);
  const become = useBecomeMember(practice.slug);
  const [planId, setPlanId] = useState<string | null>(null);
  const [interval, setInterval] = useState<BillingInterval>('month');
  const [paymentMethodId, setPaymentMethodId] = useState<string | null>(null);
  const [couponCode, setCouponCode] = useState('');
  const [tried, setTried] = useState(false);
  const [joined, setJoined] = useState<string | null>(null);
  const plan = plans.find((candidate) => candidate.id === planId);
  const agreement = useOwnAgreement(practice.slug, plan?.agreementTemplateId ? plan.id : null);
  const savedCards = cards.data?.items ?? [];
  const cardId = paymentMethodId ?? savedCards.find((card) => card.isDefault)?.id ?? savedCards[0]?.id ?? null;
  const signed = agreement.data?.status === 'signed' ? agreement.data : null;
  const drawDay = todayDayIn(practice.timezone);

  const missing = {
    plan: !plan ? 'Choose a plan.' : undefined,
    agreement: plan?.agreementTemplateId && !signed ? 'Read and sign the agreement first.' : undefined,
    card: !cardId ? 'Add a card to pay with.' : undefined,
  };
  const problem = isApiProblem(become.error) ? become.error : undefined;

  function confirm() {
    setTried(true);
    if (!plan || !cardId || missing.agreement) return;
    become.mutate(
      {
        planId: plan.id,
        interval,
        drawDay,
        paymentMethodId: cardId,
        ...(couponCode.trim() ? { couponCode: couponCode.trim() } : {}),
        ...(signed ? { agreementAssignmentId: signed.assignmentId } : {}),
      },
      {
        onSuccess: (membership) => {
          setJoined(`You are a member of ${membership.planName}.`);
          setPlanId(null);
          setCouponCode('');
          setTried(false);
        },
      },
    );
  }

  return (
    <Stack gap="md">
      {joined && (
        <Alert color="lagoon" variant="light" icon={<IconCircleCheck size={18} />} role="status">
          {joined} Your receipt is in Payment History.
        </Alert>
      )}
      <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="choose-plan">
        <Title order={2} size="h4" id="choose-plan" mb="sm">
          1. Choose a plan
        </Title>
        <Radio.Group
          aria-labelledby="choose-plan"
          value={planId}
          onChange={(value) => {
            setPlanId(value);
            setJoined(null);
            become.reset();
            const next = plans.find((candidate) => candidate.id === value);
            if (next) setInterval(firstIntervalOf(next));
          }}
          error={tried ? missing.plan : undefined}
        >
          <Stack gap="xs">
            {plans.map((candidate) => (
              <Radio.Card key={candidate.id} value={candidate.id} radius="md" p="sm" disabled={heldPlanIds.has(candidate.id)}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator />
                  <div>
                    <Text fw={600}>{candidate.name}</Text>
                    <Text size="sm" c="dimmed">
                      {[
                        candidate.monthlyPriceCents !== null
                          ? `${formatMoney(candidate.monthlyPriceCents, candidate.currency)} / month`
                          : null,
                        candidate.yearlyPriceCents !== null
                          ? `${formatMoney(candidate.yearlyPriceCents, candidate.currency)} / year`
                          : null,
                      ]
                        .filter(Boolean)
                        .join(' or ')}
                      {heldPlanIds.has(candidate.id) ? ' · your plan' : ''}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            ))}
          </Stack>
        </Radio.Group>
        {plan && (
          <Stack gap="sm" mt="md">
            <SegmentedControl
              fullWidth
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
          </Stack>
        )}
      </Paper>

      {plan?.agreementTemplateId && <AgreementStep planId={plan.id} error={tried ? missing.agreement : undefined} />}

      {plan && (
        <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="pay-with">
          <Title order={2} size="h4" id="pay-with" mb="sm">
            {plan.agreementTemplateId ? '3.' : '2.'} Pay with
          </Title>
          {cards.isPending ? (
            <Skeleton h={60} />
          ) : cards.isError ? (
            <LoadError what="your cards" error={cards.error} onRetry={() => void cards.refetch()} />
          ) : (
            <Stack gap="sm">
              <CardChoice slug={practice.slug} cards={savedCards} value={cardId} onChange={setPaymentMethodId} label="Card on file" />
              {tried && missing.card && (
                <Text size="sm" c="red.7" role="alert">
                  {missing.card}
                </Text>
              )}
              <TextInput
                label="Coupon code"
                placeholder="Optional"
                value={couponCode}
                onChange={(event) => setCouponCode(event.currentTarget.value.toUpperCase())}
                error={problem?.messageFor('couponCode')}
                autoCapitalize="characters"
              />
            </Stack>
          )}
        </Paper>
      )}

      {plan && (
        <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="confirm-membership">
          <Title order={2} size="h4" id="confirm-membership" mb="xs">
            {plan.agreementTemplateId ? '4.' : '3.'} Confirm
          </Title>
          <Text size="sm" mb="sm">
            {priceOf(plan, interval) !== null &&
              `${formatMoney((priceOf(plan, interval) ?? 0) + plan.signUpFeeCents, plan.currency)}${plan.signUpFeeCents > 0 ? ' with the sign-up fee' : ''} is charged today (less any coupon), then ${formatMoney(priceOf(plan, interval) ?? 0, plan.currency)} on day ${drawDay} of each ${interval === 'month' ? 'month' : 'year'}.`}
          </Text>
          {problem && problem.status === 402 && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" mb="sm" title="Card declined">
              {problem.detail}
            </Alert>
          )}
          {problem && problem.status !== 402 && problem.field !== 'couponCode' && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" mb="sm">
              {problem.detail}
            </Alert>
          )}
          {become.error && !problem && (
            <Alert color="red" variant="light" role="alert" mb="sm">
              Your membership could not be saved. Try again.
            </Alert>
          )}
          <Button fullWidth size="md" leftSection={<IconCrown size={18} />} loading={become.isPending} onClick={confirm}>
            Become A Member
          </Button>
        </Paper>
      )}
    </Stack>
  );
}

function AgreementStep({ planId, error }: { planId: string; error: string | undefined }) {
  const practice = useCurrentPractice();
  const agreement = useOwnAgreement(practice.slug, planId);
  const open = useOpenAgreement(practice.slug);
  const sign = useSignOwnAgreement(practice.slug);
  const [reading, setReading] = useState(false);
  const [signature, setSignature] = useState<string | null>(null);
  const [typedName, setTypedName] = useState('');
  const [triedSign, setTriedSign] = useState(false);
  const copy = agreement.data ?? null;
  const failure = open.error ?? sign.error;
  const problem = isApiProblem(failure) ? failure : undefined;

  function submit() {
    setTriedSign(true);
    if (!copy || !signature || !typedName.trim()) return;
    sign.mutate(
      { planId, assignmentId: copy.assignmentId, signature, typedName: typedName.trim() },
      { onSuccess: () => setReading(false) },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="agreement-step">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4" id="agreement-step">
          2. Agreement
        </Title>
        {copy?.status === 'signed' && (
          <Badge color="lagoon" variant="light" tt="none" leftSection={<IconCircleCheck size={12} />} style={{ flexShrink: 0 }}>
            Signed
          </Badge>
        )}
      </Group>
      {agreement.isPending ? (
        <Skeleton h={40} />
      ) : agreement.isError ? (
        <LoadError what="the agreement" error={agreement.error} onRetry={() => void agreement.refetch()} />
      ) : copy?.status === 'signed' ? (
        <Text size="sm" c="dimmed">
          {copy.name}, signed by {copy.signerName}.
        </Text>
      ) : copy?.status === 'witness_signature_required' ? (
        <Text size="sm" c="dimmed">
          {copy.name} is signed and waits for the clinic&apos;s witness signature before you can join.
        </Text>
      ) : !reading ? (
        <Stack gap="xs">
          <Text size="sm">
            {copy ? `${practice.name} sent you ${copy.name} to sign.` : 'Read and sign the membership agreement before joining.'}
          </Text>
          <Group>
            <Button
              variant="light"
              loading={open.isPending}
              onClick={() => {
                setReading(true);
                if (!copy) open.mutate(planId);
              }}
            >
              Read and sign the agreement
            </Button>
          </Group>
        </Stack>
      ) : copy ? (
        <Stack gap="sm">
          <Text fw={600}>{copy.name}</Text>
          <ScrollArea.Autosize mah={260} type="auto" offsetScrollbars>
            <div data-testid="agreement-text">
              <PaperworkTextView body={copy.body} format={copy.format} />
            </div>
          </ScrollArea.Autosize>
          <SignaturePad
            label="Your signature"
            error={(triedSign && !signature ? 'Draw your signature in the box.' : undefined) ?? problem?.messageFor('signature')}
            onChange={setSignature}
          />
          <TextInput
            label="Your full name"
            autoComplete="name"
            required
            value={typedName}
            onChange={(event) => setTypedName(event.currentTarget.value)}
            error={(triedSign && !typedName.trim() ? 'Type your full name.' : undefined) ?? problem?.messageFor('typedName')}
          />
          <Button onClick={submit} loading={sign.isPending}>
            Sign Agreement
          </Button>
        </Stack>
      ) : (
        <Skeleton h={80} />
      )}
      {problem && !problem.field && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" mt="sm">
          {problem.detail}
        </Alert>
      )}
      {error && (
        <Text size="sm" c="red.7" role="alert" mt="xs">
          {error}
        </Text>
      )}
    </Paper>
  );
}

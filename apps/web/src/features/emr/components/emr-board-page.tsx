import type { BoardCard, BoardColumn } from '@glowdesk/contracts';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconChevronLeft,
  IconChevronRight,
  IconFileText,
  IconPackage,
  IconPlayerPlay,
  IconSignature,
  IconTemplate,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { useChangeAppointmentStatus } from '../../appointments/api/change-appointment-status.ts';
import { useBookChangeSignal } from '../../appointments/api/get-book-changes.ts';
import { useClinics } from '../../appointments/api/get-clinics.ts';
import { addDays, formatClinicTime, localToday } from '../../appointments/clinic-time.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { useEmrBoard } from '../api/emr-api.ts';
import {
  chartPath,
  chartsFor,
  LOTS_PATH,
  MD_REVIEW_PATH,
  newPatientProcedurePath,
  newProcedurePath,
  PROCEDURE_TYPES_PATH,
} from '../emr-paths.ts';
import { EmrBookingsTab } from './emr-bookings-tab.tsx';
import { EmrPatientsTab } from './emr-patients-tab.tsx';
import { ProcedureViewChoice, type ProcedureViewTarget } from './procedure-view-choice.tsx';
import { MedicalHistoryReviewCount, MedicalHistoryReviews } from '../../medical-history/components/medical-history-reviews.tsx';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
type EmrTab = 'board' | 'patients' | 'bookings' | 'medical-history';
const tabOf = (value: string | null): EmrTab =>
  value === 'patients' || value === 'bookings' || value === 'medical-history' ? value : 'board';
const columnColors: Record<BoardColumn, string> = {
  booked: 'gray',
  checked_in: 'blue',
  in_procedure: 'grape',
  ready_for_checkout: 'orange',
  completed: 'teal',
};

function PaperworkBadge({ outstanding }: { outstanding: number }) {
  return outstanding > 0 ? (
    <Badge color="red" variant="light" tt="none">
      {outstanding === 1 ? '1 form to sign' : `${outstanding} forms to sign`}
    </Badge>
  ) : (
    <Badge color="teal" variant="light" tt="none">
      Paperwork complete
    </Badge>
  );
}

function BoardCardView({
  card,
  timeZone,
  charts,
  onStart,
  onChoose,
  starting,
}: {
  card: BoardCard;
  timeZone: string;
  charts: boolean;
  onStart: (card: BoardCard) => void;
  onChoose: (card: BoardCard) => void;
  starting: boolean;
}) {
  const navigate = useNavigate();
  const name = `${card.patient.firstName} ${card.patient.lastName}`;
  return (
    <Paper withBorder radius="md" p="sm" aria-label={name} data-testid="emr-card">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={600} size="sm" truncate>
            {name}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatClinicTime(card.start, timeZone)}
          </Text>
        </Group>
        <Text size="xs">{card.serviceNames.join(', ')}</Text>
        <Text size="xs" c="dimmed">
          {card.provider.displayName}
        </Text>
        <PaperworkBadge outstanding={card.formsOutstanding} />
        {charts && card.status === 'checked_in' && (
          <Button size="xs" leftSection={<IconPlayerPlay size={14} />} loading={starting} onClick={() => onStart(card)}>
            Start Procedure
          </Button>
        )}
        {charts && card.status === 'in_procedure' && card.procedureId === null && (
          <Button size="xs" variant="light" leftSection={<IconFileText size={14} />} onClick={() => onChoose(card)}>
            New Procedure
          </Button>
        )}
        {charts && card.procedureId !== null && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconFileText size={14} />}
            onClick={() => void navigate(chartPath(card.procedureId ?? ''))}
          >
            Open Chart
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The EMR: the board (a clinic's day by column; it refreshes itself when the book changes,
 * decision 022), the Patients and Bookings tabs, whose rows start a New Procedure, and the
 * Medical History tab of patients' changes awaiting review (clinical staff).
 */
export function EmrBoardPage() {
  const { staff, practice } = useSession();
  const charts = chartsFor(staff.role);
  const [params, setParams] = useSearchParams();
  const tab = tabOf(params.get('tab'));
  const clinics = useClinics();
  const clinicId = params.get('clinic') ?? clinics.data?.[0]?.id;
  const clinic = clinics.data?.find((candidate) => candidate.id === clinicId);
  const timeZone = clinic?.timezone ?? practice.timezone;
  const dateParam = params.get('date');
  const date = dateParam && LOCAL_DATE.test(dateParam) ? dateParam : localToday(timeZone);
  const board = useEmrBoard(clinic?.id, date);
  useBookChangeSignal(true);
  const startProcedure = useChangeAppointmentStatus();
  const [choosing, setChoosing] = useState<{ title: string; target: ProcedureViewTarget } | null>(null);
  const [startError, setStartError] = useState<string | null>(null);

  function set(changes: Record<string, string>) {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) next.set(key, value);
      return next;
    });
  }

  function start(card: BoardCard) {
    setStartError(null);
    startProcedure.mutate(
      { appointmentId: card.appointmentId, step: 'start' },
      {
        onSuccess: () => chooseView(card, 'Start Procedure', `${card.patient.firstName} ${card.patient.lastName} is in procedure.`),
        onError: (error) => setStartError(error.message),
      },
    );
  }

  function chooseView(card: BoardCard, title: string, lead?: string) {
    setChoosing({ title, target: { lead, pathFor: (view) => newProcedurePath(card.appointmentId, view) } });
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="EMR"
        description="Each visit of the day from booking to checkout. Start a procedure on a checked-in patient."
        actions={
          tab !== 'patients' &&
          tab !== 'medical-history' && (
            <Group gap="xs" wrap="wrap">
              <Select
                aria-label="Clinic"
                data={(clinics.data ?? []).map((candidate) => ({ value: candidate.id, label: candidate.name }))}
                value={clinic?.id ?? null}
                onChange={(value) => value && set({ clinic: value })}
                allowDeselect={false}
                w={{ base: '100%', xs: 260 }}
              />
              <ActionIcon variant="default" size="lg" aria-label="Previous day" onClick={() => set({ date: addDays(date, -1) })}>
                <IconChevronLeft size={18} />
              </ActionIcon>
              <TextInput
                type="date"
                aria-label="Date"
                value={date}
                onChange={(event) => LOCAL_DATE.test(event.currentTarget.value) && set({ date: event.currentTarget.value })}
                w={160}
              />
              <ActionIcon variant="default" size="lg" aria-label="Next day" onClick={() => set({ date: addDays(date, 1) })}>
                <IconChevronRight size={18} />
              </ActionIcon>
              <Button variant="default" onClick={() => set({ date: localToday(timeZone) })}>
                Today
              </Button>
            </Group>
          )
        }
      />
      {startError && (
        <Text c="red" role="alert" size="sm">
          {startError}
        </Text>
      )}
      {clinics.error && <LoadError what="the clinics" error={clinics.error} onRetry={() => void clinics.refetch()} />}
      {board.error && <LoadError what="the board" error={board.error} onRetry={() => void board.refetch()} />}
      <Tabs value={tab} onChange={(value) => set({ tab: tabOf(value) })} keepMounted={false}>
        <Group justify="space-between" wrap="wrap" gap="xs" mb="md">
          <Tabs.List>
            <Tabs.Tab value="board">Board</Tabs.Tab>
            <Tabs.Tab value="patients">Patients</Tabs.Tab>
            <Tabs.Tab value="bookings">Bookings</Tabs.Tab>
            {charts && (
              <Tabs.Tab value="medical-history" rightSection={<MedicalHistoryReviewCount />}>
                Medical History
              </Tabs.Tab>
            )}
          </Tabs.List>
          {charts && (
            <Group gap="xs">
              {staff.medicalDirector && (
                <Button component={Link} to={MD_REVIEW_PATH} variant="light" size="xs" leftSection={<IconSignature size={14} />}>
                  MD Review
                </Button>
              )}
              <Button component={Link} to={LOTS_PATH} variant="default" size="xs" leftSection={<IconPackage size={14} />}>
                Inventory lots
              </Button>
              <Button component={Link} to={PROCEDURE_TYPES_PATH} variant="default" size="xs" leftSection={<IconTemplate size={14} />}>
                Procedure types
              </Button>
            </Group>
          )}
        </Group>
        <Tabs.Panel value="board">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="md">
            {(board.data?.columns ?? []).map((column) => (
              <Box key={column.key} component="section" aria-labelledby={`emr-column-${column.key}`}>
                <Paper radius="md" p="sm" bg="var(--mantine-color-gray-0)" h="100%">
                  <Group justify="space-between" mb="sm">
                    <Title order={2} fz="sm" id={`emr-column-${column.key}`}>
                      {column.label}
                    </Title>
                    <Badge color={columnColors[column.key]} variant="filled" miw={24} aria-label={`${column.cards.length} visits`}>
                      {column.cards.length}
                    </Badge>
                  </Group>
                  <Stack gap="sm">
                    {column.cards.length === 0 && (
                      <Text size="xs" c="dimmed">
                        No visits
                      </Text>
                    )}
                    {column.cards.map((card) => (
                      <BoardCardView
                        key={card.appointmentId}
                        card={card}
                        timeZone={timeZone}
                        charts={charts}
                        onStart={start}
                        onChoose={(chosen) => chooseView(chosen, 'New Procedure')}
                        starting={startProcedure.isPending && startProcedure.variables.appointmentId === card.appointmentId}
                      />
                    ))}
                  </Stack>
                </Paper>
              </Box>
            ))}
            {board.isPending && clinic && [0, 1, 2, 3, 4].map((index) => <Skeleton key={index} h={240} radius="md" />)}
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="patients">
          <EmrPatientsTab
            charts={charts}
            onNewProcedure={(patient) =>
              setChoosing({ title: 'New Procedure', target: { pathFor: (view) => newPatientProcedurePath(patient.id, view) } })
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="bookings">
          <EmrBookingsTab
            board={board.data}
            timeZone={timeZone}
            charts={charts}
            onNewProcedure={(card) => chooseView(card, 'New Procedure')}
          />
        </Tabs.Panel>
        {charts && (
          <Tabs.Panel value="medical-history">
            <MedicalHistoryReviews timeZone={practice.timezone} />
          </Tabs.Panel>
        )}
      </Tabs>
      <ProcedureViewChoice target={choosing?.target ?? null} title={choosing?.title ?? ''} onClose={() => setChoosing(null)} />
    </Stack>
  );
}

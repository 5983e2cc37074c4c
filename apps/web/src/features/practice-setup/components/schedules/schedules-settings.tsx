import type { Clinic, Provider } from '@glowdesk/contracts';
import {
  Button,
  ColorSwatch,
  Group,
  Input,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCalendarTime, IconStethoscope, IconWorld } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useBlocker, useSearchParams, type Blocker } from 'react-router';
import { EmptyStateCard } from '../../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../../shared/layout/page-header.tsx';
import { useClinics } from '../../api/get-clinics.ts';
import { useProviders } from '../../api/get-providers.ts';
import { useScheduleRules } from '../../api/get-schedule-rules.ts';
import { localDateToday, zoneAbbreviation } from '../../clinic-dates.ts';
import { shortClinicNames } from '../../clinic-short-names.ts';
import { readableTimeZone } from '../../time-zone-options.ts';
import { SetupTableSkeleton } from '../shared/setup-table-skeleton.tsx';
import { ViewOnlyNotice } from '../shared/view-only-notice.tsx';
import { DateOverrides } from './date-overrides.tsx';
import { ScheduleCard } from './schedule-card.tsx';
import { SchedulePreview } from './schedule-preview.tsx';
import { WeeklyHoursEditor } from './weekly-hours-editor.tsx';
import { WeeklyHoursView } from './weekly-hours-view.tsx';
import { periodsFromRules } from './weekly-hours.ts';

const TITLE = 'Schedules';
const DESCRIPTION =
  "Each provider's working hours at each clinic, in the clinic's local time: weekly hours, and date overrides for days off or different hours.";

function byActiveThenName(a: Provider, b: Provider): number {
  return Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName);
}

/** Settings → Schedules: pick a provider and a clinic, then set their weekly hours and date overrides. */
export function SchedulesSettings({ canManage }: { canManage: boolean }) {
  const providers = useProviders();
  const clinics = useClinics();
  const [searchParams, setSearchParams] = useSearchParams();
  const [unsavedHours, setUnsavedHours] = useState(false);
  const leaving = useBlocker(
    ({ currentLocation, nextLocation }) =>
      unsavedHours && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  const sortedProviders = useMemo(() => [...(providers.data ?? [])].sort(byActiveThenName), [providers.data]);
  const provider = sortedProviders.find((candidate) => candidate.id === searchParams.get('providerId')) ?? sortedProviders[0];
  const allClinics = clinics.data ?? [];
  const providerClinics = provider ? allClinics.filter((clinic) => provider.clinicIds.includes(clinic.id)) : [];
  const clinic = providerClinics.find((candidate) => candidate.id === searchParams.get('clinicId')) ?? providerClinics[0];

  function choose(providerId: string, clinicId?: string) {
    const next = new URLSearchParams({ providerId });
    if (clinicId) next.set('clinicId', clinicId);
    setSearchParams(next, { replace: true });
  }

  const header = <PageHeader title={TITLE} size="section" description={DESCRIPTION} />;
  if (providers.isError || clinics.isError) {
    return (
      <>
        {header}
        <LoadError
          what="providers and clinics"
          error={providers.error ?? clinics.error}
          onRetry={() => {
            void providers.refetch();
            void clinics.refetch();
          }}
        />
      </>
    );
  }
  if (!providers.data || !clinics.data) {
    return (
      <>
        {header}
        <SetupTableSkeleton label="Loading schedules" />
      </>
    );
  }
  if (!provider) {
    return (
      <>
        {header}
        <EmptyStateCard
          icon={<IconStethoscope size={26} stroke={1.6} />}
          title="Add a provider first"
          description="Schedules belong to providers. Make a staff member a provider, choose the clinics they work at, then set their hours here."
          actions={
            canManage && (
              <Button component={Link} to="/settings/providers">
                Go to Providers
              </Button>
            )
          }
        />
      </>
    );
  }

  return (
    <>
      {header}
      {!canManage && <ViewOnlyNotice what="schedules" />}
      <SchedulePicker
        providers={sortedProviders}
        provider={provider}
        clinics={providerClinics}
        allClinics={allClinics}
        clinic={clinic}
        onChoose={choose}
      />
      <UnsavedHoursModal blocker={leaving} />
      {clinic ? (
        <ProviderClinicSchedule
          key={`${provider.id}:${clinic.id}`}
          provider={provider}
          clinic={clinic}
          canManage={canManage}
          onDirtyChange={setUnsavedHours}
        />
      ) : (
        <EmptyStateCard
          icon={<IconCalendarTime size={26} stroke={1.6} />}
          title={`${provider.displayName} does not work at a clinic yet`}
          description="Working hours are set per clinic. Add the clinics they work at to their provider profile first."
          actions={
            canManage && (
              <Button component={Link} to="/settings/providers">
                Go to Providers
              </Button>
            )
          }
        />
      )}
    </>
  );
}

interface SchedulePickerProps {
  providers: readonly Provider[];
  provider: Provider;
  /** The clinics the provider works at. */
  clinics: readonly Clinic[];
  allClinics: readonly Clinic[];
  clinic: Clinic | undefined;
  onChoose: (providerId: string, clinicId?: string) => void;
}

function SchedulePicker({ providers, provider, clinics, allClinics, clinic, onChoose }: SchedulePickerProps) {
  const shortNames = shortClinicNames(allClinics);
  const colors = new Map(providers.map((candidate) => [candidate.id, candidate.color]));
  // Side-by-side clinic buttons are wider than a phone: there the clinic is a list.
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Paper withBorder radius="lg" bg="white" p="md" mb="md" component="section" aria-label="Whose schedule">
      <Group align="flex-end" gap="lg" wrap="wrap">
        <Select
          label="Provider"
          data={providers.map((candidate) => ({
            value: candidate.id,
            label: candidate.active ? candidate.displayName : `${candidate.displayName} (inactive)`,
          }))}
          value={provider.id}
          onChange={(providerId) => providerId && onChoose(providerId)}
          searchable
          allowDeselect={false}
          w={{ base: '100%', sm: 300 }}
          leftSection={<ColorSwatch color={provider.color} size={14} />}
          renderOption={({ option }) => (
            <Group gap="xs" wrap="nowrap">
              <ColorSwatch color={colors.get(option.value) ?? '#ccc'} size={12} />
              <Text size="sm">{option.label}</Text>
            </Group>
          )}
          comboboxProps={{ withinPortal: true }}
        />
        {clinics.length === 1 && clinic && (
          <Input.Wrapper label="Clinic" labelElement="div">
            <Text size="sm" py={7}>
              {clinic.name}
            </Text>
          </Input.Wrapper>
        )}
        {clinics.length > 1 && clinic && (
          <Input.Wrapper label="Clinic" labelElement="div" id="schedule-clinic" w={{ base: '100%', sm: 'auto' }}>
            {clinics.length <= 3 && !phone ? (
              <SegmentedControl
                aria-labelledby="schedule-clinic-label"
                value={clinic.id}
                onChange={(clinicId) => onChoose(provider.id, clinicId)}
                data={clinics.map((candidate) => ({ value: candidate.id, label: shortNames.get(candidate.id) ?? candidate.name }))}
              />
            ) : (
              <Select
                aria-labelledby="schedule-clinic-label"
                data={clinics.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
                value={clinic.id}
                onChange={(clinicId) => clinicId && onChoose(provider.id, clinicId)}
                allowDeselect={false}
                w={{ base: '100%', sm: 280 }}
              />
            )}
          </Input.Wrapper>
        )}
        {clinic && (
          <Group gap={6} wrap="nowrap" pb={8} ml={{ sm: 'auto' }}>
            <IconWorld size={16} stroke={1.6} color="var(--mantine-color-lagoon-7)" aria-hidden="true" />
            <Text size="sm">
              Times in <strong>{readableTimeZone(clinic.timezone)}</strong> ({zoneAbbreviation(clinic.timezone)})
            </Text>
          </Group>
        )}
      </Group>
    </Paper>
  );
}

/** Asks before unsaved weekly hours are dropped by choosing another provider or clinic, or leaving the page. */
function UnsavedHoursModal({ blocker }: { blocker: Blocker }) {
  const blocked = blocker.state === 'blocked';
  return (
    <Modal opened={blocked} onClose={() => blocker.reset?.()} title="Discard unsaved hours?" size="md">
      <Stack gap="md">
        <Text size="sm">The weekly hours you changed have not been saved. Leaving now drops the changes.</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            Keep editing
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            Discard changes
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface ProviderClinicScheduleProps {
  provider: Provider;
  clinic: Clinic;
  canManage: boolean;
  onDirtyChange: (dirty: boolean) => void;
}

function ProviderClinicSchedule({ provider, clinic, canManage, onDirtyChange }: ProviderClinicScheduleProps) {
  const rules = useScheduleRules(provider.id, clinic.id);
  const today = localDateToday(clinic.timezone);
  const zone = `${readableTimeZone(clinic.timezone)} (${zoneAbbreviation(clinic.timezone)})`;
  return (
    <Stack gap="md">
      <ScheduleCard title={`Weekly hours at ${clinic.name}`}>
        {rules.isError ? (
          <LoadError what="the weekly hours" error={rules.error} onRetry={() => void rules.refetch()} />
        ) : !rules.data ? (
          <Stack gap={8} role="status" aria-label="Loading weekly hours">
            {[0, 1, 2, 3, 4, 5, 6].map((row) => (
              <Skeleton key={row} height={36} radius="sm" />
            ))}
          </Stack>
        ) : canManage ? (
          <WeeklyHoursEditor
            providerId={provider.id}
            clinicId={clinic.id}
            saved={periodsFromRules(rules.data)}
            today={today}
            onDirtyChange={onDirtyChange}
          />
        ) : (
          <WeeklyHoursView periods={periodsFromRules(rules.data)} />
        )}
      </ScheduleCard>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ScheduleCard title="Next 7 days" aside={`In ${zone}`}>
          <SchedulePreview providerId={provider.id} clinicId={clinic.id} today={today} />
        </ScheduleCard>
        <ScheduleCard title="Date overrides">
          <DateOverrides providerId={provider.id} clinicId={clinic.id} today={today} canManage={canManage} />
        </ScheduleCard>
      </SimpleGrid>
    </Stack>
  );
}

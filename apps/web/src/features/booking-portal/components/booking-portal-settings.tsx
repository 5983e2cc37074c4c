import { Paper, Skeleton, Stack } from '@mantine/core';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { useBookingPortalSettings } from '../api/booking-portal-api.ts';
import { todayIn } from '../banner-status.ts';
import { BannerList } from './banner-list.tsx';
import { PortalAddressCard } from './portal-address-card.tsx';
import { PortalSettingsForm } from './portal-settings-form.tsx';

const TITLE = 'Booking Portal';

/** Settings → Booking Portal: the portal's address, what every patient reads there, and what they may do online. */
export function BookingPortalSettingsPage({ timeZone, isOwner }: { timeZone: string; isOwner: boolean }) {
  const settings = useBookingPortalSettings();
  const today = todayIn(timeZone);

  if (isApiProblem(settings.error, 403)) {
    return (
      <>
        <PageHeader title={TITLE} size="section" />
        <RestrictedNotice title="Your role cannot change the Booking Portal">
          Owners and admins decide what patients see in the portal and what they can do there. Ask one of them for a change.
        </RestrictedNotice>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={TITLE}
        size="section"
        description="What your patients see when they sign in to the portal, and how close to an appointment they can still confirm, reschedule or cancel it themselves. Dates are in the practice’s time zone."
      />
      <Stack gap="lg">
        <PortalAddressCard canChange={isOwner} />
        {settings.isError ? (
          <LoadError what="the Booking Portal settings" error={settings.error} onRetry={() => void settings.refetch()} />
        ) : settings.isPending ? (
          <Paper withBorder radius="lg" bg="white" p="lg">
            <Stack gap="md" role="status" aria-label="Loading the Booking Portal settings">
              <Skeleton height={28} width="40%" />
              <Skeleton height={72} />
            </Stack>
          </Paper>
        ) : (
          <PortalSettingsForm key={settings.data.version} settings={settings.data} canChange />
        )}
        <BannerList today={today} canChange />
      </Stack>
    </>
  );
}

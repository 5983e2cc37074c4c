import type { PortalDashboard } from '@glowdesk/contracts';
import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { listPatientAppointmentsWithin } from '../appointments/index.ts';
import type { PracticeSettingsService } from '../identity/index.ts';
import { countOwnFormsToCompleteWithin } from '../paperwork/index.ts';
import { findBookingPortalSettings, listBanners } from './booking-portal-repository.ts';
import { isBannerShowing, localDateIn } from './booking-portal-rules.ts';
import type { UnpaidInvoiceCounts } from './online-booking-ports.ts';
import { readNotificationsWithin } from './own-notifications.ts';

/** Enough for any dashboard count: a patient does not have more upcoming visits than this. */
const MAX_UPCOMING_COUNTED = 200;

/**
 * The portal's dashboard: the practice's Important Reminders, the banners enabled and
 * inside their dates today (in the practice's zone), and the patient's badge counts.
 */
export async function readPortalDashboard(
  deps: {
    database: Database;
    clock: Clock;
    practiceSettings: Pick<PracticeSettingsService, 'findPracticeSettingsOf'>;
    unpaidInvoices: UnpaidInvoiceCounts;
  },
  actor: PatientWithProfile,
  meta: RequestMeta,
): Promise<PortalDashboard> {
  const { practiceId, patientId } = actor;
  const now = deps.clock.now();
  const practice = await deps.practiceSettings.findPracticeSettingsOf(practiceId);
  const today = localDateIn(practice?.timezone ?? 'UTC', now);
  return inPractice(deps.database, practiceId, async (tx) => {
    const settings = await findBookingPortalSettings(tx, practiceId);
    const banners = (await listBanners(tx, practiceId)).filter((banner) => isBannerShowing(banner, today));
    const upcoming = await listPatientAppointmentsWithin(tx, practiceId, patientId, {
      scope: 'upcoming',
      now,
      limit: MAX_UPCOMING_COUNTED,
    });
    const incompletePaperwork = await countOwnFormsToCompleteWithin(tx, practiceId, patientId, now);
    const unpaidInvoices = await deps.unpaidInvoices.countUnpaidInvoicesWithin(tx, practiceId, patientId);
    await recordAudit(tx, {
      practiceId,
      ...portalAuditActor(actor),
      action: 'portal.dashboard_read',
      objectType: 'patient',
      objectId: patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { via: 'portal', upcomingAppointments: upcoming.length, incompletePaperwork, unpaidInvoices },
    });
    return {
      importantReminders: settings.importantReminders,
      banners: banners.map((banner) => ({ id: banner.id, body: banner.body })),
      counts: {
        upcomingAppointments: upcoming.length,
        unconfirmedAppointments: upcoming.filter((appointment) => appointment.status === 'booked').length,
        incompletePaperwork,
        unreadNotifications: (await readNotificationsWithin(tx, practiceId, patientId)).unreadCount,
        unpaidInvoices,
      },
    };
  });
}

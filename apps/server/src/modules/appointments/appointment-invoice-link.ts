import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { type Transaction } from '../../platform/database.ts';
import { auditActorFieldsOf, type BillingActor } from '../billing/index.ts';
import { type AppointmentLink, type InvoiceAppointmentSummary } from '../sales/index.ts';
import { snapshot } from './appointment-audit.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import * as repository from './appointments-repository.ts';

/** What Sales borrows: appointment summaries for invoices, and completing a checked-out appointment once paid. */
export function createAppointmentInvoiceLink(deps: Pick<AppointmentContext, 'clock' | 'catalog'>): AppointmentLink {
  const { clock, catalog } = deps;
  return {
    async describeAppointmentsWithin(
      tx: Transaction,
      practiceId: string,
      appointmentIds: readonly string[],
    ): Promise<Map<string, InvoiceAppointmentSummary>> {
      const records = await repository.findAppointments(tx, practiceId, appointmentIds);
      const services = await repository.listServicesOf(tx, practiceId, appointmentIds);
      const clinics = await catalog.findClinics(tx, practiceId, [...new Set(records.map((record) => record.clinicId))]);
      const providers = await catalog.findProviderNames(tx, practiceId, [...new Set(records.map((record) => record.providerId))]);
      return new Map(
        records.map((record) => [
          record.id,
          {
            id: record.id,
            status: record.status,
            startsAt: record.startsAt,
            endsAt: record.endsAt,
            timeZone: clinics.get(record.clinicId)?.timezone ?? 'UTC',
            providerId: record.providerId,
            providerName: providers.get(record.providerId) ?? null,
            services: (services.get(record.id) ?? []).map((service) => ({ serviceId: service.serviceId, name: service.serviceName })),
          },
        ]),
      );
    },

    async completeCheckedOutAppointmentWithin(
      tx: Transaction,
      practiceId: string,
      actor: BillingActor,
      appointmentId: string,
      invoiceId: string,
      meta: RequestMeta | undefined,
    ): Promise<void> {
      const before = await repository.findAppointment(tx, practiceId, appointmentId, { forUpdate: true });
      if (!before || (before.status !== 'checked_in' && before.status !== 'in_procedure')) return;
      const after = await repository.updateAppointment(tx, practiceId, appointmentId, { status: 'completed' }, clock.now());
      await repository.insertEvent(tx, practiceId, {
        appointmentId,
        actorStaffId: actor.kind === 'staff' ? actor.staffId : null,
        type: 'completed',
        before: snapshot(before),
        after: snapshot(after),
        details: { invoiceId, reason: 'checked out' },
        occurredAt: clock.now(),
      });
      await recordAudit(tx, {
        practiceId,
        ...auditActorFieldsOf(actor),
        action: 'appointment.completed',
        objectType: 'appointment',
        objectId: appointmentId,
        ip: meta?.ip ?? null,
        requestId: meta?.requestId ?? null,
        details: { patientId: after.patientId, invoiceId },
      });
    },
  };
}

import { type Transaction } from '../../platform/database.ts';
import { type AppointmentLink, type InvoiceAppointmentSummary } from '../sales/index.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import * as repository from './appointments-repository.ts';
import { completeCheckedOutVisitWithin } from './complete-checked-out-visit.ts';

/**
 * What Sales borrows: appointment summaries for invoices, and completing a checked-out
 * appointment when a payment sales started itself (the Sales tab, a gateway webhook) pays its
 * invoice in full. The checkout's own payments complete the visit in the checkout.
 */
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

    completeCheckedOutAppointmentWithin(tx, practiceId, actor, appointmentId, invoiceId, meta) {
      return completeCheckedOutVisitWithin(clock, tx, practiceId, actor, appointmentId, invoiceId, meta);
    },
  };
}

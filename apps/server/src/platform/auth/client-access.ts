import type { StaffActor } from './access.ts';

/**
 * The check routes make before showing a client's details (profile, cards on file, forms,
 * appointment history): a provider whose practice limits providers to their own clients is
 * refused (403 not_your_client) a client who has no appointment with them. The appointments
 * module implements it (it knows who has an appointment with whom); app.ts wires it.
 */
export interface ClientAccess {
  assertMayReadClient(actor: StaffActor, patientId: string): Promise<void>;
}

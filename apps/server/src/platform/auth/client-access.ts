import type { StaffActor } from './access.ts';

/**
 * The checks routes outside the appointments module make for a provider whose practice limits
 * providers to their own appointments and clients. The appointments module implements them
 * (it knows who has an appointment with whom); app.ts wires them. Other roles, and providers
 * when the practice allows them everything, always pass.
 */
export interface ClientAccess {
  /** Before showing a client's details (profile, cards on file, forms, appointment history): 403 not_your_client for a client who has no appointment with them. */
  assertMayReadClient(actor: StaffActor, patientId: string): Promise<void>;
  /** Of these clients, the ones the staff member may read (for lists that name clients): all of them but for a limited provider. */
  readableClients(actor: StaffActor, patientIds: readonly string[]): Promise<Set<string>>;
  /**
   * Before showing what belongs to an appointment's client (its forms): passes on their own
   * appointment, and on a colleague's whose client also has an appointment with them (they may
   * read that client's forms anyway); otherwise 403 not_your_client. An unknown appointment passes,
   * so the route answers its own 404.
   */
  assertMayReadAppointmentClient(actor: StaffActor, appointmentId: string): Promise<void>;
  /** Before changing what belongs to an appointment (assigning its forms): 403 not_your_appointment on a colleague's. An unknown appointment passes. */
  assertMayActOnAppointment(actor: StaffActor, appointmentId: string): Promise<void>;
}

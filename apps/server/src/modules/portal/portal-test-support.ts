/** Shared arrangements for the portal's tests (never imported by the app). */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { GlowdeskApp } from '../../app.ts';
import type { Database } from '../../platform/database.ts';
import { createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import { createBookablePractice } from '../appointments/appointments-test-builders.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { createFeePractice } from '../sales/sales-test-support.ts';

export interface PortalPractice extends TestPractice {
  slug: string;
}

/** A new practice with a portal address. */
export async function createPortalPractice(app: GlowdeskApp): Promise<PortalPractice> {
  const practice = await createTestPractice(app);
  const slug = `clinic-${randomUUID().slice(0, 8)}`;
  const response = await app.inject({
    method: 'PATCH',
    url: '/api/v1/practice-settings',
    headers: practice.owner.headers,
    payload: { slug },
  });
  if (response.statusCode !== 200) throw new Error(`setting the slug: ${response.statusCode} ${response.body}`);
  return { ...practice, slug };
}

let phoneSequence = Math.floor(Math.random() * 5_000_000);

/** A US test phone number in E.164, different from every other this test file makes. */
export function uniquePhone(): string {
  phoneSequence += 1;
  return `+1646${String(phoneSequence % 10_000_000).padStart(7, '0')}`;
}

export function uniquePatientEmail(): string {
  return `patient-${randomUUID().slice(0, 12)}@example.com`;
}

export async function addPatient(
  app: GlowdeskApp,
  practice: TestPractice,
  fields: { firstName: string; lastName: string; phone?: string; email?: string; dateOfBirth?: string },
): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/patients', headers: practice.owner.headers, payload: fields });
  if (response.statusCode !== 201) throw new Error(`creating a patient: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string }>().id;
}

export type Contact = { channel: 'sms'; phone: string } | { channel: 'email'; email: string };

export function requestCode(
  app: GlowdeskApp,
  slug: string,
  contact: Contact,
  remoteAddress = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: `/api/v1/portal/${slug}/auth/code`, payload: contact, remoteAddress });
}

export function verifyCode(app: GlowdeskApp, slug: string, contact: Contact, code: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: `/api/v1/portal/${slug}/auth/verify`, payload: { ...contact, code } });
}

/** The messages queued to an address, newest first, as the outbox holds them. */
export async function messagesTo(database: Database, practiceId: string, address: string): Promise<{ id: string; textBody: string }[]> {
  const result = await database.db.execute<{ id: string; text_body: string }>(
    sql`select id, text_body from messages where practice_id = ${practiceId} and to_address = ${address} order by created_seq desc`,
  );
  return result.rows.map((row) => ({ id: row.id, textBody: row.text_body }));
}

/** The six digits of the newest code queued to an address. */
export async function lastCodeSentTo(database: Database, practiceId: string, address: string): Promise<string> {
  const [latest] = await messagesTo(database, practiceId, address);
  const code = latest?.textBody.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error(`no sign-in code was queued to ${address}`);
  return code;
}

export function patientCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((candidate) => candidate.name === 'glowdesk_patient_session');
  if (!cookie) throw new Error(`no patient session cookie in response ${response.statusCode}: ${response.body}`);
  return `glowdesk_patient_session=${cookie.value}`;
}

/** A code requested, read from the outbox and verified: the patient session cookie. */
export async function signInPatient(
  app: GlowdeskApp,
  practice: PortalPractice,
  contact: Contact,
): Promise<{ cookie: string; needsIdentity: boolean }> {
  const requested = await requestCode(app, practice.slug, contact);
  if (requested.statusCode !== 202) throw new Error(`requesting a code: ${requested.statusCode} ${requested.body}`);
  const code = await lastCodeSentTo(app.database, practice.practiceId, contact.channel === 'sms' ? contact.phone : contact.email);
  const verified = await verifyCode(app, practice.slug, contact, code);
  if (verified.statusCode !== 200) throw new Error(`verifying the code: ${verified.statusCode} ${verified.body}`);
  return { cookie: patientCookieOf(verified), needsIdentity: verified.json<{ needsIdentity: boolean }>().needsIdentity };
}

export interface AuditRow {
  action: string;
  outcome: string;
  actorType: string;
  actorId: string | null;
  objectId: string | null;
  details: Record<string, unknown>;
}

/** The practice's audit trail, oldest first. */
export async function auditTrailOf(database: Database, practiceId: string): Promise<AuditRow[]> {
  const result = await database.db.execute<{
    action: string;
    outcome: string;
    actor_type: string;
    actor_id: string | null;
    object_id: string | null;
    details: Record<string, unknown> | string;
  }>(sql`select action, outcome, actor_type, actor_id, object_id, details from audit_events where practice_id = ${practiceId} order by id`);
  return result.rows.map((row) => ({
    action: row.action,
    outcome: row.outcome,
    actorType: row.actor_type,
    actorId: row.actor_id,
    objectId: row.object_id,
    details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details,
  }));
}

/** A bookable practice with a portal address and a patient, Rosa Diaz, who signs in by phone. */
export async function createPortalWithPatient(app: GlowdeskApp) {
  const setup = await createBookablePractice(app);
  const slug = `clinic-${setup.practice.practiceId.slice(0, 8)}`;
  const slugged = await app.inject({
    method: 'PATCH',
    url: '/api/v1/practice-settings',
    headers: setup.practice.owner.headers,
    payload: { slug },
  });
  if (slugged.statusCode !== 200) throw new Error(`setting the slug: ${slugged.statusCode} ${slugged.body}`);
  const phone = uniquePhone();
  const patientId = await addPatient(app, setup.practice, { firstName: 'Rosa', lastName: 'Diaz', phone });
  const portalPractice: PortalPractice = { ...setup.practice, slug };
  return { setup, portalPractice, phone, patientId };
}

/** The practice's Booking Portal windows: hours before the start each portal action closes. */
export async function setPortalWindows(
  app: GlowdeskApp,
  practice: TestPractice,
  hours: { confirm?: number; reschedule?: number; cancel?: number },
): Promise<void> {
  const window = (closesHoursBefore: number | undefined, fallback: number) => ({
    enabled: true,
    closesHoursBefore: closesHoursBefore ?? fallback,
  });
  const response = await app.inject({
    method: 'PUT',
    url: '/api/v1/booking-portal',
    headers: practice.owner.headers,
    payload: {
      importantReminders: null,
      patientActions: {
        confirm: window(hours.confirm, 0),
        reschedule: window(hours.reschedule, 24),
        cancel: window(hours.cancel, 24),
      },
    },
  });
  if (response.statusCode !== 200) throw new Error(`saving the Booking Portal windows: ${response.statusCode} ${response.body}`);
}

/** The clinic's Notification Email and SMS Notification number (Settings → Clinics). */
export async function setClinicAlerts(
  app: GlowdeskApp,
  practice: TestPractice,
  clinicId: string,
  alerts: { notificationEmail?: string; smsNotificationPhone?: string },
): Promise<void> {
  const response = await app.inject({
    method: 'PATCH',
    url: `/api/v1/clinics/${clinicId}`,
    headers: practice.owner.headers,
    payload: alerts,
  });
  if (response.statusCode !== 200) throw new Error(`setting the clinic's alerts: ${response.statusCode} ${response.body}`);
}

/** A practice whose Chemical peel charges a $25 late cancellation fee, with Rosa Diaz (phone sign-in) and her Visa on file. */
export async function createPortalFeePractice(app: GlowdeskApp) {
  const setup = await createFeePractice(app);
  const slug = `clinic-${setup.practice.practiceId.slice(0, 8)}`;
  const slugged = await app.inject({
    method: 'PATCH',
    url: '/api/v1/practice-settings',
    headers: setup.practice.owner.headers,
    payload: { slug },
  });
  if (slugged.statusCode !== 200) throw new Error(`setting the slug: ${slugged.statusCode} ${slugged.body}`);
  const phone = uniquePhone();
  const patientId = await addPatient(app, setup.practice, { firstName: 'Rosa', lastName: 'Diaz', phone });
  const card = await addCard(app, setup.practice, patientId, 'pm_card_visa');
  const portalPractice: PortalPractice = { ...setup.practice, slug };
  return { setup, portalPractice, phone, patientId, card };
}

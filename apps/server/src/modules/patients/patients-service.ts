import type { CreatePatientRequest, DuplicateMatch, UpdatePatientRequest } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Read, Transaction } from '../../platform/database.ts';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as repository from './patients-repository.ts';
import type { DuplicateProbe, NameCursor, PatientRecord, PatientSummaryRecord, PatientWrite } from './patients-repository.ts';

/** What a patient may change on their own profile (contacts only after a code proves them). */
export type PortalEditableField =
  | 'addressLine1'
  | 'addressLine2'
  | 'city'
  | 'region'
  | 'postalCode'
  | 'country'
  | 'preferredChannel'
  | 'marketingConsent'
  | 'phone'
  | 'email';

export interface PatientSearch {
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface PatientPageResult {
  items: PatientSummaryRecord[];
  nextCursor: string | null;
}

function staffAudit(actor: StaffActor, meta: RequestMeta) {
  return {
    practiceId: actor.practiceId,
    actorType: 'staff' as const,
    actorId: actor.staffId,
    actorLabel: actor.email,
    ip: meta.ip,
    requestId: meta.requestId,
  };
}

function encodeCursor(patient: PatientSummaryRecord): string {
  return Buffer.from(JSON.stringify([patient.lastName.toLowerCase(), patient.firstName.toLowerCase(), patient.id])).toString('base64url');
}

function decodeCursor(cursor: string): NameCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((part) => typeof part === 'string')) {
      const [lastName, firstName, id] = parsed as [string, string, string];
      if (/^[0-9a-f-]{36}$/.test(id)) return { lastName, firstName, id };
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('Must be a cursor returned by a previous page.', { field: 'cursor', code: 'invalid_cursor' });
}

function toWrite(input: CreatePatientRequest | UpdatePatientRequest, now: Date): Partial<PatientWrite> {
  const write: Partial<PatientWrite> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) (write as Record<string, unknown>)[key] = value;
  }
  if (input.marketingConsent !== undefined) write.marketingConsentAt = input.marketingConsent ? now : null;
  return write;
}

function describeMatches(probe: DuplicateProbe, candidates: PatientSummaryRecord[]): DuplicateMatch[] {
  return candidates.map((candidate) => {
    const matchedOn: DuplicateMatch['matchedOn'] = [];
    if (probe.email && candidate.email === probe.email) matchedOn.push('email');
    if (probe.phone && candidate.phone === probe.phone) matchedOn.push('phone');
    const sameName =
      probe.firstName !== undefined &&
      probe.lastName !== undefined &&
      candidate.firstName.toLowerCase() === probe.firstName.toLowerCase() &&
      candidate.lastName.toLowerCase() === probe.lastName.toLowerCase();
    if (sameName) matchedOn.push(probe.dateOfBirth && candidate.dateOfBirth === probe.dateOfBirth ? 'name_and_date_of_birth' : 'name');
    return { ...candidate, matchedOn };
  });
}

/** Who acts on a profile outside a staff session (the portal's registration): the audit entry's actor. */
export interface PatientWriteActor {
  practiceId: string;
  actorType: 'patient' | 'anonymous';
  /** The patient acting, when known; a profile the use case creates acts as itself. */
  actorId?: string | null;
}

export function createPatientsService(database: Database, clock: Clock) {
  /** Creates a patient in the caller's transaction (booking with a new patient uses this). */
  async function createPatientWithin(tx: Transaction, actor: StaffActor, input: CreatePatientRequest, meta: RequestMeta) {
    const probe: DuplicateProbe = {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phone: input.phone,
      dateOfBirth: input.dateOfBirth,
    };
    const duplicates = await repository.findPossibleDuplicates(tx, actor.practiceId, probe);
    const patient = await repository.insertPatient(tx, actor.practiceId, toWrite(input, clock.now()) as PatientWrite);
    await recordAudit(tx, {
      ...staffAudit(actor, meta),
      action: 'patient.create',
      objectType: 'patient',
      objectId: patient.id,
      details: { possibleDuplicateIds: duplicates.map((duplicate) => duplicate.id) },
    });
    return { patient, possibleDuplicates: describeMatches(probe, duplicates) };
  }

  return {
    createPatientWithin,

    /**
     * Creates the profile a new client registered in the portal, in the caller's transaction;
     * audited with the new patient as actor (the caller audits the registration itself).
     */
    async createRegisteredPatientWithin(tx: Transaction, practiceId: string, input: CreatePatientRequest, meta: RequestMeta) {
      const patient = await repository.insertPatient(tx, practiceId, toWrite(input, clock.now()) as PatientWrite);
      await recordAudit(tx, {
        practiceId,
        actorType: 'patient',
        actorId: patient.id,
        action: 'patient.create',
        objectType: 'patient',
        objectId: patient.id,
        ip: meta.ip,
        requestId: meta.requestId,
        details: { source: 'portal_registration' },
      });
      return patient;
    },

    /**
     * Fills the profile's empty fields from what the patient gave (a claimed registration),
     * never replacing a value on file; audited with the given actor, field names only.
     */
    async fillEmptyFieldsWithin(
      tx: Transaction,
      actor: PatientWriteActor,
      patientId: string,
      input: UpdatePatientRequest,
      meta: RequestMeta,
    ): Promise<{ patient: PatientRecord; filled: string[] }> {
      const now = clock.now();
      const result = await repository.fillEmptyFields(tx, actor.practiceId, patientId, toWrite(input, now), now);
      if (!result) throw new NotFoundError('Patient', 'patientId');
      if (result.filled.length > 0) {
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actorType: actor.actorType,
          actorId: actor.actorId ?? null,
          action: 'patient.update',
          objectType: 'patient',
          objectId: patientId,
          ip: meta.ip,
          requestId: meta.requestId,
          details: { changedFields: result.filled, source: 'portal_registration' },
        });
      }
      return result;
    },

    /** A staff edit in the caller's transaction (merging a registration): audited like updatePatient. */
    async updatePatientWithin(
      tx: Transaction,
      actor: StaffActor,
      patientId: string,
      changes: UpdatePatientRequest,
      meta: RequestMeta,
      details: Record<string, unknown> = {},
    ): Promise<PatientRecord> {
      const after = await repository.updatePatient(tx, actor.practiceId, patientId, toWrite(changes, clock.now()), clock.now());
      if (!after) throw new NotFoundError('Patient', 'patientId');
      await recordAudit(tx, {
        ...staffAudit(actor, meta),
        action: 'patient.update',
        objectType: 'patient',
        objectId: patientId,
        details: {
          changedFields: Object.keys(changes).filter((key) => (changes as Record<string, unknown>)[key] !== undefined),
          ...details,
        },
      });
      return after;
    },

    async createPatient(actor: StaffActor, input: CreatePatientRequest, meta: RequestMeta) {
      return inPractice(database, actor.practiceId, (tx) => createPatientWithin(tx, actor, input, meta));
    },

    async getPatient(actor: StaffActor, patientId: string, meta: RequestMeta): Promise<PatientRecord> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const patient = await repository.findPatient(tx, actor.practiceId, patientId);
        if (!patient) throw new NotFoundError('Patient', 'patientId');
        await recordAudit(tx, { ...staffAudit(actor, meta), action: 'patient.read', objectType: 'patient', objectId: patientId });
        return patient;
      });
    },

    /** Reads a patient inside another module's transaction, or undefined (not audited: the caller audits its own use case). */
    async findPatientWithin(tx: Transaction, practiceId: string, patientId: string): Promise<PatientRecord | undefined> {
      return repository.findPatient(tx, practiceId, patientId);
    },

    /**
     * Changes a patient's fields in another module's transaction (the portal's Profile page; the
     * caller checks the version and audits). Undefined for an unknown patient.
     */
    async updatePatientFromPortalWithin(
      tx: Transaction,
      practiceId: string,
      patientId: string,
      changes: Partial<Pick<PatientWrite, PortalEditableField>>,
    ): Promise<PatientRecord | undefined> {
      const now = clock.now();
      const write: Partial<PatientWrite> = { ...changes };
      if (changes.marketingConsent !== undefined) write.marketingConsentAt = changes.marketingConsent ? now : null;
      return repository.updatePatient(tx, practiceId, patientId, write, now);
    },

    /** Name and contact summaries by id in another module's transaction (the caller audits). */
    async findPatientSummariesWithin(
      tx: Transaction,
      practiceId: string,
      patientIds: readonly string[],
    ): Promise<Map<string, PatientSummaryRecord>> {
      const rows = await repository.findPatientSummaries(tx, practiceId, [...new Set(patientIds)]);
      return new Map(rows.map((row) => [row.id, row]));
    },

    /**
     * The profiles with this email or phone on file, in another module's transaction (the
     * portal's sign-in; the caller audits). Several when a family shares one.
     */
    async findPatientsByContactWithin(
      tx: Transaction,
      practiceId: string,
      contact: { channel: 'email' | 'sms'; address: string },
    ): Promise<PatientSummaryRecord[]> {
      return repository.findPatientsByContact(tx, practiceId, contact);
    },

    /** The same as a read that can travel with BEGIN (a booking's). */
    patientSummariesRead(practiceId: string, patientIds: readonly string[]): Read<Map<string, PatientSummaryRecord>> {
      return repository.patientSummariesRead(practiceId, [...new Set(patientIds)], (rows) => new Map(rows.map((row) => [row.id, row])));
    },

    async searchPatients(actor: StaffActor, search: PatientSearch, meta: RequestMeta): Promise<PatientPageResult> {
      return inPractice(database, actor.practiceId, async (tx) => {
        let items: PatientSummaryRecord[];
        let nextCursor: string | null = null;
        if (search.q) {
          if (search.cursor)
            throw new ValidationError('Search results come in one ranked page; drop the cursor.', {
              field: 'cursor',
              code: 'invalid_cursor',
            });
          items = await repository.searchPatients(tx, actor.practiceId, search.q, search.limit);
        } else {
          const rows = await repository.listPatientsByName(
            tx,
            actor.practiceId,
            search.cursor ? decodeCursor(search.cursor) : undefined,
            search.limit + 1,
          );
          items = rows.slice(0, search.limit);
          const last = items.at(-1);
          if (rows.length > search.limit && last) nextCursor = encodeCursor(last);
        }
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: search.q ? 'patient.search' : 'patient.list',
          objectType: 'patient',
          details: { query: search.q ?? null, resultCount: items.length, patientIds: items.map((patient) => patient.id) },
        });
        return { items, nextCursor };
      });
    },

    async checkDuplicates(actor: StaffActor, probe: DuplicateProbe, meta: RequestMeta): Promise<DuplicateMatch[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const candidates = await repository.findPossibleDuplicates(tx, actor.practiceId, probe);
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'patient.duplicate_check',
          objectType: 'patient',
          details: { patientIds: candidates.map((candidate) => candidate.id) },
        });
        return describeMatches(probe, candidates);
      });
    },

    async updatePatient(
      actor: StaffActor,
      patientId: string,
      changes: UpdatePatientRequest,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<PatientRecord> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const before = await repository.findPatient(tx, actor.practiceId, patientId);
        if (!before) throw new NotFoundError('Patient', 'patientId');
        if (expectedVersion !== undefined && expectedVersion !== before.version) throw new PreconditionFailedError();
        const after = await repository.updatePatient(tx, actor.practiceId, patientId, toWrite(changes, clock.now()), clock.now());
        if (!after) throw new NotFoundError('Patient', 'patientId');
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'patient.update',
          objectType: 'patient',
          objectId: patientId,
          // Field names only: the trail records that data changed, not the health data itself.
          details: { changedFields: Object.keys(changes).filter((key) => (changes as Record<string, unknown>)[key] !== undefined) },
        });
        return after;
      });
    },
  };
}

export type PatientsService = ReturnType<typeof createPatientsService>;

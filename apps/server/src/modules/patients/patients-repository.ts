import { and, asc, eq, getTableColumns, or, sql, type SQL } from 'drizzle-orm';
import { isAnyOf, prepareStatement, type Read, readOf, type Transaction } from '../../platform/database.ts';
import { patients } from './patients-tables.ts';

export type PatientRecord = Omit<typeof patients.$inferSelect, 'searchText' | 'practiceId'>;
export type PatientSummaryRecord = Pick<PatientRecord, 'id' | 'firstName' | 'lastName' | 'email' | 'phone' | 'dateOfBirth'>;
export type PatientWrite = Omit<typeof patients.$inferInsert, 'practiceId' | 'id' | 'createdAt' | 'updatedAt' | 'version' | 'searchText'>;

const { searchText: _searchText, practiceId: _practiceId, ...patientColumns } = getTableColumns(patients);
const summaryColumns = {
  id: patients.id,
  firstName: patients.firstName,
  lastName: patients.lastName,
  email: patients.email,
  phone: patients.phone,
  dateOfBirth: patients.dateOfBirth,
};

export async function insertPatient(tx: Transaction, practiceId: string, patient: PatientWrite): Promise<PatientRecord> {
  const [row] = await tx
    .insert(patients)
    .values({ ...patient, practiceId })
    .returning(patientColumns);
  if (!row) throw new Error('insert into patients returned no row');
  return row;
}

export async function findPatient(tx: Transaction, practiceId: string, patientId: string): Promise<PatientRecord | undefined> {
  const [row] = await tx
    .select(patientColumns)
    .from(patients)
    .where(and(eq(patients.practiceId, practiceId), eq(patients.id, patientId)));
  return row;
}

export async function updatePatient(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  changes: Partial<PatientWrite>,
  now: Date,
): Promise<PatientRecord | undefined> {
  const [row] = await tx
    .update(patients)
    .set({ ...changes, updatedAt: now, version: sql`${patients.version} + 1` })
    .where(and(eq(patients.practiceId, practiceId), eq(patients.id, patientId)))
    .returning(patientColumns);
  return row;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Splits a search into lower-case tokens. A query that looks like a phone number becomes
 * its digits, so "(212) 555-0199" finds +12125550199.
 */
export function searchTokens(query: string): string[] {
  const trimmed = query.trim().toLowerCase();
  if (/^[+\d\s().-]+$/.test(trimmed) && /\d/.test(trimmed)) return [trimmed.replace(/\D/g, '')];
  return trimmed.split(/\s+/).filter(Boolean);
}

/**
 * Ranked search by any part of name, email or phone: exact name matches first, then
 * prefixes, then by trigram similarity. Tokens of three or more characters use the
 * trigram index; shorter ones match name and email prefixes.
 */
export async function searchPatients(tx: Transaction, practiceId: string, query: string, limit: number): Promise<PatientSummaryRecord[]> {
  const tokens = searchTokens(query);
  if (tokens.length === 0) return [];
  const firstName = sql`lower(${patients.firstName})`;
  const lastName = sql`lower(${patients.lastName})`;
  const conditions: SQL[] = tokens.map((token) => {
    const escaped = escapeLike(token);
    if (token.length >= 3) return sql`${patients.searchText} like ${`%${escaped}%`}`;
    return sql`(${firstName} like ${`${escaped}%`} or ${lastName} like ${`${escaped}%`} or ${patients.email} like ${`${escaped}%`})`;
  });
  const whole = tokens.join(' ');
  const head = tokens[0] ?? '';
  const headPrefix = `${escapeLike(head)}%`;
  const rank = sql`case
      when ${lastName} = ${head} or ${firstName} = ${head} or ${patients.email} = ${whole} or (${firstName} || ' ' || ${lastName}) = ${whole} then 0
      when ${lastName} like ${headPrefix} or ${firstName} like ${headPrefix} or ${patients.email} like ${headPrefix} or ${patients.phone} like ${`+${headPrefix}`} then 1
      else 2 end`;
  return tx
    .select(summaryColumns)
    .from(patients)
    .where(and(eq(patients.practiceId, practiceId), ...conditions))
    .orderBy(rank, sql`similarity(${patients.searchText}, ${whole}) desc`, asc(lastName), asc(firstName), asc(patients.id))
    .limit(limit);
}

export interface NameCursor {
  lastName: string;
  firstName: string;
  id: string;
}

/** Alphabetical by last name, then first name, with keyset pagination. */
export async function listPatientsByName(
  tx: Transaction,
  practiceId: string,
  after: NameCursor | undefined,
  limit: number,
): Promise<PatientSummaryRecord[]> {
  const lastName = sql`lower(${patients.lastName})`;
  const firstName = sql`lower(${patients.firstName})`;
  const keyset = after
    ? sql`(${lastName}, ${firstName}, ${patients.id}) > (${after.lastName}, ${after.firstName}, ${after.id})`
    : undefined;
  return tx
    .select(summaryColumns)
    .from(patients)
    .where(and(eq(patients.practiceId, practiceId), keyset))
    .orderBy(asc(lastName), asc(firstName), asc(patients.id))
    .limit(limit);
}

export interface DuplicateProbe {
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  excludePatientId?: string | undefined;
}

/** Profiles that share the email or phone, or the full name (with or without the same birth date). */
export async function findPossibleDuplicates(
  tx: Transaction,
  practiceId: string,
  probe: DuplicateProbe,
  limit = 10,
): Promise<PatientSummaryRecord[]> {
  const matches: SQL[] = [];
  if (probe.email) matches.push(eq(patients.email, probe.email));
  if (probe.phone) matches.push(eq(patients.phone, probe.phone));
  if (probe.firstName && probe.lastName) {
    matches.push(
      sql`(lower(${patients.firstName}) = ${probe.firstName.toLowerCase()} and lower(${patients.lastName}) = ${probe.lastName.toLowerCase()})`,
    );
  }
  if (matches.length === 0) return [];
  return tx
    .select(summaryColumns)
    .from(patients)
    .where(
      and(
        eq(patients.practiceId, practiceId),
        or(...matches),
        probe.excludePatientId ? sql`${patients.id} <> ${probe.excludePatientId}` : undefined,
      ),
    )
    .orderBy(asc(patients.lastName), asc(patients.firstName))
    .limit(limit);
}

const patientSummariesStatement = prepareStatement<PatientSummaryRecord, { practiceId: string; patientIds: string[] }>(
  'patients.summaries',
  (value) => sql`
    select id, first_name as "firstName", last_name as "lastName", email, phone, date_of_birth::text as "dateOfBirth"
    from patients
    where practice_id = ${value('practiceId')}::uuid and id = any(${value('patientIds')}::uuid[])`,
);

/** Summaries by id as a read that can travel with BEGIN (a booking's). */
export function patientSummariesRead<T>(
  practiceId: string,
  patientIds: readonly string[],
  decode: (rows: PatientSummaryRecord[]) => T,
): Read<T> {
  return readOf(patientSummariesStatement, { practiceId, patientIds: [...patientIds] }, decode);
}

export async function findPatientSummaries(
  tx: Transaction,
  practiceId: string,
  patientIds: readonly string[],
): Promise<PatientSummaryRecord[]> {
  if (patientIds.length === 0) return [];
  return tx
    .select(summaryColumns)
    .from(patients)
    .where(and(eq(patients.practiceId, practiceId), isAnyOf(patients.id, patientIds)));
}

/**
 * Sets the given fields only where the profile has none (a value staff entered is never
 * replaced), in one statement; undefined when there is no such profile. Reports which fields
 * it filled.
 */
export async function fillEmptyFields(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  values: Partial<PatientWrite>,
  now: Date,
): Promise<{ patient: PatientRecord; filled: string[] } | undefined> {
  const before = await findPatient(tx, practiceId, patientId);
  if (!before) return undefined;
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    const column = (patients as unknown as Record<string, Parameters<typeof eq>[0]>)[key];
    if (!column || (before as Record<string, unknown>)[key] !== null) continue;
    changes[key] = sql`coalesce(${column}, ${value})`;
  }
  const filled = Object.keys(changes);
  if (filled.length === 0) return { patient: before, filled };
  const after = await updatePatient(tx, practiceId, patientId, changes, now);
  return after ? { patient: after, filled } : undefined;
}

/** The profiles that have this email (lower-case) or E.164 phone on file, oldest first. */
export async function findPatientsByContact(
  tx: Transaction,
  practiceId: string,
  contact: { channel: 'email' | 'sms'; address: string },
): Promise<PatientSummaryRecord[]> {
  const column = contact.channel === 'email' ? patients.email : patients.phone;
  return tx
    .select(summaryColumns)
    .from(patients)
    .where(and(eq(patients.practiceId, practiceId), eq(column, contact.address)))
    .orderBy(asc(patients.createdAt), asc(patients.id));
}

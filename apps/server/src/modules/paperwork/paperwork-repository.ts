import type { PaperworkKind, PaperworkStatus } from '@glowdesk/contracts';
import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { isAnyOf, prepareStatement, type Read, readOf, type Transaction } from '../../platform/database.ts';
import {
  paperworkAssignmentEvents,
  paperworkAssignments,
  paperworkTemplates,
  paperworkTemplateVersions,
  servicePaperwork,
} from './paperwork-tables.ts';

export type TemplateRecord = Omit<typeof paperworkTemplates.$inferSelect, 'practiceId'>;
export type TemplateVersionRecord = Omit<typeof paperworkTemplateVersions.$inferSelect, 'practiceId'>;
/** A form assigned for a visit (a membership's agreement, with no visit, is read through `membership-agreements.ts`). */
export type AssignmentRecord = Omit<typeof paperworkAssignments.$inferSelect, 'practiceId' | 'appointmentId'> & { appointmentId: string };
export type AssignmentEventRecord = Omit<typeof paperworkAssignmentEvents.$inferSelect, 'practiceId'>;

/** A template with the wording of its current version. */
export interface TemplateSummaryRecord extends TemplateRecord {
  name: string;
  content: Record<string, unknown>;
  requiresSignature: boolean;
  requiresWitnessSignature: boolean;
}

/** An assignment with the name and signature rules of the version it asks for. */
export interface AssignmentViewRecord extends AssignmentRecord {
  name: string;
  requiresSignature: boolean;
  requiresWitnessSignature: boolean;
}

const templateColumns = {
  id: paperworkTemplates.id,
  kind: paperworkTemplates.kind,
  currentVersion: paperworkTemplates.currentVersion,
  active: paperworkTemplates.active,
  showDaysBefore: paperworkTemplates.showDaysBefore,
  createdAt: paperworkTemplates.createdAt,
  createdBy: paperworkTemplates.createdBy,
  updatedAt: paperworkTemplates.updatedAt,
};

const summaryColumns = {
  ...templateColumns,
  name: paperworkTemplateVersions.name,
  content: paperworkTemplateVersions.content,
  requiresSignature: paperworkTemplateVersions.requiresSignature,
  requiresWitnessSignature: paperworkTemplateVersions.requiresWitnessSignature,
};

const versionColumns = {
  templateId: paperworkTemplateVersions.templateId,
  version: paperworkTemplateVersions.version,
  name: paperworkTemplateVersions.name,
  content: paperworkTemplateVersions.content,
  requiresSignature: paperworkTemplateVersions.requiresSignature,
  requiresWitnessSignature: paperworkTemplateVersions.requiresWitnessSignature,
  createdAt: paperworkTemplateVersions.createdAt,
  createdBy: paperworkTemplateVersions.createdBy,
};

/** Only rows with a visit are read with these columns (`forVisit`), so the appointment is never null. */
const assignmentColumns = {
  id: paperworkAssignments.id,
  appointmentId: sql<string>`${paperworkAssignments.appointmentId}`,
  patientId: paperworkAssignments.patientId,
  templateId: paperworkAssignments.templateId,
  templateVersion: paperworkAssignments.templateVersion,
  kind: paperworkAssignments.kind,
  status: paperworkAssignments.status,
  assignedAt: paperworkAssignments.assignedAt,
  statusChangedAt: paperworkAssignments.statusChangedAt,
  resetCount: paperworkAssignments.resetCount,
  version: paperworkAssignments.version,
};

const assignmentViewColumns = {
  ...assignmentColumns,
  name: paperworkTemplateVersions.name,
  requiresSignature: paperworkTemplateVersions.requiresSignature,
  requiresWitnessSignature: paperworkTemplateVersions.requiresWitnessSignature,
};

/** Forms assigned for a visit: every query read with `assignmentColumns` keeps to them. */
export const forVisit = isNotNull(paperworkAssignments.appointmentId);

/** Joins a template to the wording of its current version. */
const currentVersionJoin = and(
  eq(paperworkTemplateVersions.practiceId, paperworkTemplates.practiceId),
  eq(paperworkTemplateVersions.templateId, paperworkTemplates.id),
  eq(paperworkTemplateVersions.version, paperworkTemplates.currentVersion),
);

/** Joins an assignment to the version it asks for. */
const assignedVersionJoin = and(
  eq(paperworkTemplateVersions.practiceId, paperworkAssignments.practiceId),
  eq(paperworkTemplateVersions.templateId, paperworkAssignments.templateId),
  eq(paperworkTemplateVersions.version, paperworkAssignments.templateVersion),
);

export async function insertTemplate(
  tx: Transaction,
  practiceId: string,
  template: { kind: PaperworkKind; showDaysBefore: number; createdBy: string; now: Date },
): Promise<TemplateRecord> {
  const [row] = await tx
    .insert(paperworkTemplates)
    .values({
      practiceId,
      kind: template.kind,
      showDaysBefore: template.showDaysBefore,
      createdBy: template.createdBy,
      createdAt: template.now,
      updatedAt: template.now,
    })
    .returning(templateColumns);
  if (!row) throw new Error('insert into paperwork_templates returned no row');
  return row;
}

export async function insertTemplateVersion(tx: Transaction, practiceId: string, version: TemplateVersionRecord): Promise<void> {
  await tx.insert(paperworkTemplateVersions).values({ ...version, practiceId });
}

export async function findTemplate(
  tx: Transaction,
  practiceId: string,
  templateId: string,
  options: { forUpdate?: boolean; forShare?: boolean } = {},
): Promise<TemplateRecord | undefined> {
  const query = tx
    .select(templateColumns)
    .from(paperworkTemplates)
    .where(and(eq(paperworkTemplates.practiceId, practiceId), eq(paperworkTemplates.id, templateId)));
  const [row] = options.forUpdate ? await query.for('update') : options.forShare ? await query.for('share') : await query;
  return row;
}

export async function updateTemplate(
  tx: Transaction,
  practiceId: string,
  templateId: string,
  changes: { currentVersion?: number; active?: boolean; showDaysBefore?: number; updatedAt: Date },
): Promise<TemplateRecord> {
  const [row] = await tx
    .update(paperworkTemplates)
    .set(changes)
    .where(and(eq(paperworkTemplates.practiceId, practiceId), eq(paperworkTemplates.id, templateId)))
    .returning(templateColumns);
  if (!row) throw new Error(`paperwork template ${templateId} vanished during update`);
  return row;
}

/** Templates with their current wording, active first, then by kind and name. */
export async function listTemplateSummaries(
  tx: Transaction,
  practiceId: string,
  filter: { kind?: PaperworkKind | undefined; active?: boolean | undefined; templateIds?: readonly string[] | undefined },
): Promise<TemplateSummaryRecord[]> {
  if (filter.templateIds?.length === 0) return [];
  const conditions: (SQL | undefined)[] = [
    eq(paperworkTemplates.practiceId, practiceId),
    filter.kind ? eq(paperworkTemplates.kind, filter.kind) : undefined,
    filter.active === undefined ? undefined : eq(paperworkTemplates.active, filter.active),
    filter.templateIds ? inArray(paperworkTemplates.id, [...filter.templateIds]) : undefined,
  ];
  return tx
    .select(summaryColumns)
    .from(paperworkTemplates)
    .innerJoin(paperworkTemplateVersions, currentVersionJoin)
    .where(and(...conditions))
    .orderBy(
      desc(paperworkTemplates.active),
      asc(paperworkTemplates.kind),
      asc(sql`lower(${paperworkTemplateVersions.name})`),
      asc(paperworkTemplates.id),
    );
}

export async function findTemplateVersion(
  tx: Transaction,
  practiceId: string,
  templateId: string,
  version: number,
): Promise<TemplateVersionRecord | undefined> {
  const [row] = await tx
    .select(versionColumns)
    .from(paperworkTemplateVersions)
    .where(
      and(
        eq(paperworkTemplateVersions.practiceId, practiceId),
        eq(paperworkTemplateVersions.templateId, templateId),
        eq(paperworkTemplateVersions.version, version),
      ),
    );
  return row;
}

/** Every version of a template, newest first, without its content. */
export async function listTemplateVersions(
  tx: Transaction,
  practiceId: string,
  templateId: string,
): Promise<{ version: number; name: string; createdAt: Date; createdBy: string | null }[]> {
  return tx
    .select({
      version: paperworkTemplateVersions.version,
      name: paperworkTemplateVersions.name,
      createdAt: paperworkTemplateVersions.createdAt,
      createdBy: paperworkTemplateVersions.createdBy,
    })
    .from(paperworkTemplateVersions)
    .where(and(eq(paperworkTemplateVersions.practiceId, practiceId), eq(paperworkTemplateVersions.templateId, templateId)))
    .orderBy(desc(paperworkTemplateVersions.version));
}

export interface ServicePaperworkRecord {
  serviceId: string;
  templateId: string;
  position: number;
  kind: PaperworkKind;
  name: string;
  active: boolean;
  currentVersion: number;
}

const activeServicePaperworkStatement = prepareStatement<
  ServicePaperworkRecord & Record<string, unknown>,
  { practiceId: string; serviceIds: string[] }
>(
  'paperwork.active_service_forms',
  (value) => sql`
    select sp.service_id as "serviceId", sp.template_id as "templateId", sp.position, t.kind, v.name, t.active,
           t.current_version as "currentVersion"
    from service_paperwork sp
    join paperwork_templates t on t.practice_id = sp.practice_id and t.id = sp.template_id
    join paperwork_template_versions v on v.practice_id = t.practice_id and v.template_id = t.id and v.version = t.current_version
    where sp.practice_id = ${value('practiceId')}::uuid and sp.service_id = any(${value('serviceIds')}::uuid[]) and t.active
    order by sp.service_id, sp.position`,
);

/** The active forms attached to the services (as `listServicePaperwork` with `activeOnly`), as a read that can travel with BEGIN. */
export function activeServicePaperworkRead<T>(
  practiceId: string,
  serviceIds: readonly string[],
  decode: (rows: ServicePaperworkRecord[]) => T,
): Read<T> {
  return readOf(activeServicePaperworkStatement, { practiceId, serviceIds: [...serviceIds] }, decode);
}

/** The forms attached to the services, each service's in order; `activeOnly` leaves out deactivated templates. */
export async function listServicePaperwork(
  tx: Transaction,
  practiceId: string,
  serviceIds: readonly string[],
  options: { activeOnly?: boolean } = {},
): Promise<ServicePaperworkRecord[]> {
  if (serviceIds.length === 0) return [];
  return tx
    .select({
      serviceId: servicePaperwork.serviceId,
      templateId: servicePaperwork.templateId,
      position: servicePaperwork.position,
      kind: paperworkTemplates.kind,
      name: paperworkTemplateVersions.name,
      active: paperworkTemplates.active,
      currentVersion: paperworkTemplates.currentVersion,
    })
    .from(servicePaperwork)
    .innerJoin(
      paperworkTemplates,
      and(eq(paperworkTemplates.practiceId, servicePaperwork.practiceId), eq(paperworkTemplates.id, servicePaperwork.templateId)),
    )
    .innerJoin(paperworkTemplateVersions, currentVersionJoin)
    .where(
      and(
        eq(servicePaperwork.practiceId, practiceId),
        inArray(servicePaperwork.serviceId, [...serviceIds]),
        options.activeOnly ? eq(paperworkTemplates.active, true) : undefined,
      ),
    )
    .orderBy(asc(servicePaperwork.serviceId), asc(servicePaperwork.position));
}

export async function replaceServicePaperwork(
  tx: Transaction,
  practiceId: string,
  serviceId: string,
  templateIds: readonly string[],
): Promise<void> {
  await tx.delete(servicePaperwork).where(and(eq(servicePaperwork.practiceId, practiceId), eq(servicePaperwork.serviceId, serviceId)));
  if (templateIds.length === 0) return;
  await tx
    .insert(servicePaperwork)
    .values(templateIds.map((templateId, index) => ({ practiceId, serviceId, templateId, position: index + 1 })));
}

export interface AssignmentInsert {
  appointmentId: string;
  patientId: string;
  templateId: string;
  templateVersion: number;
  kind: PaperworkKind;
  status: PaperworkStatus;
  assignedAt: Date;
}

/** Inserts the assignments an appointment does not have yet; returns the ones it created. */
export async function insertAssignmentsUnlessPresent(
  tx: Transaction,
  practiceId: string,
  rows: readonly AssignmentInsert[],
): Promise<AssignmentRecord[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(paperworkAssignments)
    .values(rows.map((row) => ({ ...row, practiceId, statusChangedAt: row.assignedAt })))
    .onConflictDoNothing({ target: [paperworkAssignments.practiceId, paperworkAssignments.appointmentId, paperworkAssignments.templateId] })
    .returning(assignmentColumns);
}

/** How many forms of each appointment are still waiting for the patient (statuses given). */
export async function countAssignmentsByAppointment(
  tx: Transaction,
  practiceId: string,
  appointmentIds: readonly string[],
  statuses: readonly PaperworkStatus[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (appointmentIds.length === 0) return counts;
  const rows = await tx
    .select({ appointmentId: paperworkAssignments.appointmentId, count: sql<number>`count(*)::int` })
    .from(paperworkAssignments)
    .where(
      and(
        eq(paperworkAssignments.practiceId, practiceId),
        isAnyOf(paperworkAssignments.appointmentId, appointmentIds),
        inArray(paperworkAssignments.status, [...statuses]),
      ),
    )
    .groupBy(paperworkAssignments.appointmentId);
  for (const row of rows) if (row.appointmentId) counts.set(row.appointmentId, row.count);
  return counts;
}

export async function listAssignments(
  tx: Transaction,
  practiceId: string,
  filter: { appointmentId?: string; patientId?: string },
  limit: number,
): Promise<AssignmentViewRecord[]> {
  return tx
    .select(assignmentViewColumns)
    .from(paperworkAssignments)
    .innerJoin(paperworkTemplateVersions, assignedVersionJoin)
    .where(
      and(
        eq(paperworkAssignments.practiceId, practiceId),
        forVisit,
        filter.appointmentId ? eq(paperworkAssignments.appointmentId, filter.appointmentId) : undefined,
        filter.patientId ? eq(paperworkAssignments.patientId, filter.patientId) : undefined,
      ),
    )
    .orderBy(
      desc(paperworkAssignments.assignedAt),
      asc(paperworkAssignments.appointmentId),
      asc(paperworkTemplateVersions.name),
      asc(paperworkAssignments.id),
    )
    .limit(limit);
}

export async function findAssignment(
  tx: Transaction,
  practiceId: string,
  assignmentId: string,
  options: { forUpdate?: boolean } = {},
): Promise<AssignmentViewRecord | undefined> {
  const query = tx
    .select(assignmentViewColumns)
    .from(paperworkAssignments)
    .innerJoin(paperworkTemplateVersions, assignedVersionJoin)
    .where(and(eq(paperworkAssignments.practiceId, practiceId), eq(paperworkAssignments.id, assignmentId), forVisit));
  const [row] = options.forUpdate ? await query.for('update', { of: paperworkAssignments }) : await query;
  return row;
}

export async function updateAssignmentStatus(
  tx: Transaction,
  practiceId: string,
  assignmentId: string,
  change: { status: PaperworkStatus; now: Date; reset?: boolean },
): Promise<void> {
  await tx
    .update(paperworkAssignments)
    .set({
      status: change.status,
      statusChangedAt: change.now,
      version: sql`${paperworkAssignments.version} + 1`,
      ...(change.reset ? { resetCount: sql`${paperworkAssignments.resetCount} + 1` } : {}),
    })
    .where(and(eq(paperworkAssignments.practiceId, practiceId), eq(paperworkAssignments.id, assignmentId)));
}

export async function insertAssignmentEvents(
  tx: Transaction,
  practiceId: string,
  events: readonly Omit<AssignmentEventRecord, 'id'>[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(paperworkAssignmentEvents).values(events.map((event) => ({ ...event, practiceId })));
}

export async function listAssignmentEvents(tx: Transaction, practiceId: string, assignmentId: string): Promise<AssignmentEventRecord[]> {
  const rows = await tx
    .select()
    .from(paperworkAssignmentEvents)
    .where(and(eq(paperworkAssignmentEvents.practiceId, practiceId), eq(paperworkAssignmentEvents.assignmentId, assignmentId)))
    .orderBy(asc(paperworkAssignmentEvents.id));
  return rows.map(({ practiceId: _practice, ...event }) => event);
}

/**
 * The patient's most recently signed assignment of a consent template (any version, any
 * appointment), held with a share lock so a reset waits for the caller's transaction.
 */
export async function findLatestSignedAssignment(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  templateId: string,
): Promise<AssignmentRecord | undefined> {
  const [row] = await tx
    .select(assignmentColumns)
    .from(paperworkAssignments)
    .where(
      and(
        eq(paperworkAssignments.practiceId, practiceId),
        eq(paperworkAssignments.patientId, patientId),
        eq(paperworkAssignments.templateId, templateId),
        eq(paperworkAssignments.status, 'signed'),
      ),
    )
    .orderBy(desc(paperworkAssignments.statusChangedAt), asc(paperworkAssignments.id))
    .limit(1)
    .for('share');
  return row;
}

import type { PaperworkAnswers } from '@glowdesk/contracts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { isAnyOf, type Transaction } from '../../platform/database.ts';
import {
  paperworkAssignments,
  paperworkResponses,
  paperworkSignatures,
  paperworkTemplates,
  paperworkTemplateVersions,
} from './paperwork-tables.ts';
import { forVisit, type AssignmentViewRecord } from './paperwork-repository.ts';

/** An assignment with the version's content and the template's portal setting. */
export interface PortalAssignmentRecord extends AssignmentViewRecord {
  content: Record<string, unknown>;
  showDaysBefore: number;
}

export interface ResponseRecord {
  assignmentId: string;
  round: number;
  templateVersion: number;
  answers: PaperworkAnswers;
  savedAt: Date;
  submittedAt: Date | null;
}

export type SignatureRole = 'patient' | 'witness';

/** A signature without its image and document (for listing). */
export interface SignatureSummaryRecord {
  assignmentId: string;
  round: number;
  role: SignatureRole;
  typedName: string;
  signedAt: Date;
  templateVersion: number;
  documentSha256: string;
}

export interface SignatureRecord extends SignatureSummaryRecord {
  id: string;
  witnessStaffId: string | null;
  signaturePng: Buffer;
  ip: string | null;
  userAgent: string | null;
  documentPdf: Buffer;
}

const portalAssignmentColumns = {
  id: paperworkAssignments.id,
  // Read only with `forVisit`: never null.
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
  name: paperworkTemplateVersions.name,
  requiresSignature: paperworkTemplateVersions.requiresSignature,
  requiresWitnessSignature: paperworkTemplateVersions.requiresWitnessSignature,
  content: paperworkTemplateVersions.content,
  showDaysBefore: paperworkTemplates.showDaysBefore,
};

function portalAssignmentQuery(tx: Transaction) {
  return tx
    .select(portalAssignmentColumns)
    .from(paperworkAssignments)
    .innerJoin(
      paperworkTemplateVersions,
      and(
        eq(paperworkTemplateVersions.practiceId, paperworkAssignments.practiceId),
        eq(paperworkTemplateVersions.templateId, paperworkAssignments.templateId),
        eq(paperworkTemplateVersions.version, paperworkAssignments.templateVersion),
      ),
    )
    .innerJoin(
      paperworkTemplates,
      and(eq(paperworkTemplates.practiceId, paperworkAssignments.practiceId), eq(paperworkTemplates.id, paperworkAssignments.templateId)),
    );
}

/** A patient's assignments with what the portal shows of each, newest first. */
export async function listPortalAssignments(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  limit: number,
): Promise<PortalAssignmentRecord[]> {
  return portalAssignmentQuery(tx)
    .where(and(eq(paperworkAssignments.practiceId, practiceId), eq(paperworkAssignments.patientId, patientId), forVisit))
    .orderBy(desc(paperworkAssignments.assignedAt), asc(paperworkTemplateVersions.name), asc(paperworkAssignments.id))
    .limit(limit);
}

/** One assignment as the portal sees it; `forUpdate` locks the assignment row. */
export async function findPortalAssignment(
  tx: Transaction,
  practiceId: string,
  assignmentId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PortalAssignmentRecord | undefined> {
  const query = portalAssignmentQuery(tx).where(
    and(eq(paperworkAssignments.practiceId, practiceId), eq(paperworkAssignments.id, assignmentId), forVisit),
  );
  const [row] = options.forUpdate ? await query.for('update', { of: paperworkAssignments }) : await query;
  return row;
}

const responseColumns = {
  assignmentId: paperworkResponses.assignmentId,
  round: paperworkResponses.round,
  templateVersion: paperworkResponses.templateVersion,
  answers: paperworkResponses.answers,
  savedAt: paperworkResponses.savedAt,
  submittedAt: paperworkResponses.submittedAt,
};

/** The answers of each assignment's current round (its reset count), by assignment id. */
export async function listCurrentResponses(
  tx: Transaction,
  practiceId: string,
  assignmentIds: readonly string[],
): Promise<Map<string, ResponseRecord>> {
  const found = new Map<string, ResponseRecord>();
  if (assignmentIds.length === 0) return found;
  const rows = await tx
    .select(responseColumns)
    .from(paperworkResponses)
    .innerJoin(
      paperworkAssignments,
      and(
        eq(paperworkAssignments.practiceId, paperworkResponses.practiceId),
        eq(paperworkAssignments.id, paperworkResponses.assignmentId),
        eq(paperworkAssignments.resetCount, paperworkResponses.round),
      ),
    )
    .where(and(eq(paperworkResponses.practiceId, practiceId), isAnyOf(paperworkResponses.assignmentId, assignmentIds)));
  for (const row of rows) found.set(row.assignmentId, { ...row, answers: row.answers as PaperworkAnswers });
  return found;
}

/** Saves the round's answers: the first save inserts, later ones replace the draft. */
export async function saveResponse(tx: Transaction, practiceId: string, response: ResponseRecord): Promise<void> {
  await tx
    .insert(paperworkResponses)
    .values({ ...response, practiceId })
    .onConflictDoUpdate({
      target: [paperworkResponses.practiceId, paperworkResponses.assignmentId, paperworkResponses.round],
      set: {
        templateVersion: response.templateVersion,
        answers: response.answers,
        savedAt: response.savedAt,
        submittedAt: response.submittedAt,
      },
      // A submitted round never changes (the status check comes first; this is the floor under it).
      setWhere: sql`${paperworkResponses.submittedAt} is null`,
    });
}

const signatureSummaryColumns = {
  assignmentId: paperworkSignatures.assignmentId,
  round: paperworkSignatures.round,
  role: paperworkSignatures.role,
  typedName: paperworkSignatures.typedName,
  signedAt: paperworkSignatures.signedAt,
  templateVersion: paperworkSignatures.templateVersion,
  documentSha256: paperworkSignatures.documentSha256,
};

/** The signatures of each assignment's current round, patient first, by assignment id. */
export async function listCurrentSignatures(
  tx: Transaction,
  practiceId: string,
  assignmentIds: readonly string[],
): Promise<Map<string, SignatureSummaryRecord[]>> {
  const found = new Map<string, SignatureSummaryRecord[]>();
  if (assignmentIds.length === 0) return found;
  const rows = await tx
    .select(signatureSummaryColumns)
    .from(paperworkSignatures)
    .innerJoin(
      paperworkAssignments,
      and(
        eq(paperworkAssignments.practiceId, paperworkSignatures.practiceId),
        eq(paperworkAssignments.id, paperworkSignatures.assignmentId),
        eq(paperworkAssignments.resetCount, paperworkSignatures.round),
      ),
    )
    .where(and(eq(paperworkSignatures.practiceId, practiceId), inArray(paperworkSignatures.assignmentId, [...assignmentIds])))
    .orderBy(asc(paperworkSignatures.signedAt), desc(paperworkSignatures.role));
  for (const row of rows) found.set(row.assignmentId, [...(found.get(row.assignmentId) ?? []), row]);
  return found;
}

export async function findSignature(
  tx: Transaction,
  practiceId: string,
  assignmentId: string,
  round: number,
  role: SignatureRole,
): Promise<SignatureRecord | undefined> {
  const [row] = await tx
    .select({
      ...signatureSummaryColumns,
      id: paperworkSignatures.id,
      witnessStaffId: paperworkSignatures.witnessStaffId,
      signaturePng: paperworkSignatures.signaturePng,
      ip: paperworkSignatures.ip,
      userAgent: paperworkSignatures.userAgent,
      documentPdf: paperworkSignatures.documentPdf,
    })
    .from(paperworkSignatures)
    .where(
      and(
        eq(paperworkSignatures.practiceId, practiceId),
        eq(paperworkSignatures.assignmentId, assignmentId),
        eq(paperworkSignatures.round, round),
        eq(paperworkSignatures.role, role),
      ),
    );
  return row;
}

export async function insertSignature(tx: Transaction, practiceId: string, signature: Omit<SignatureRecord, 'id'>): Promise<string> {
  const [row] = await tx
    .insert(paperworkSignatures)
    .values({ ...signature, practiceId })
    .returning({ id: paperworkSignatures.id });
  if (!row) throw new Error('insert into paperwork_signatures returned no row');
  return row.id;
}

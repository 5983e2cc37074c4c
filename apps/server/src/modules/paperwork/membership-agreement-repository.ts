import type { PaperworkStatus } from '@glowdesk/contracts';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { paperworkAssignments, paperworkSignatures, paperworkTemplates, paperworkTemplateVersions } from './paperwork-tables.ts';

/** A consent assigned with no visit (a membership plan's agreement), with the exact version's wording. */
export interface AgreementRecord {
  id: string;
  patientId: string;
  templateId: string;
  templateVersion: number;
  name: string;
  content: Record<string, unknown>;
  requiresWitnessSignature: boolean;
  status: PaperworkStatus;
  resetCount: number;
  assignedAt: Date;
  statusChangedAt: Date;
}

const agreementColumns = {
  id: paperworkAssignments.id,
  patientId: paperworkAssignments.patientId,
  templateId: paperworkAssignments.templateId,
  templateVersion: paperworkAssignments.templateVersion,
  name: paperworkTemplateVersions.name,
  content: paperworkTemplateVersions.content,
  requiresWitnessSignature: paperworkTemplateVersions.requiresWitnessSignature,
  status: paperworkAssignments.status,
  resetCount: paperworkAssignments.resetCount,
  assignedAt: paperworkAssignments.assignedAt,
  statusChangedAt: paperworkAssignments.statusChangedAt,
};

function agreementQuery(tx: Transaction) {
  return tx
    .select(agreementColumns)
    .from(paperworkAssignments)
    .innerJoin(
      paperworkTemplateVersions,
      and(
        eq(paperworkTemplateVersions.practiceId, paperworkAssignments.practiceId),
        eq(paperworkTemplateVersions.templateId, paperworkAssignments.templateId),
        eq(paperworkTemplateVersions.version, paperworkAssignments.templateVersion),
      ),
    );
}

const standalone = and(isNull(paperworkAssignments.appointmentId), eq(paperworkAssignments.kind, 'consent'));

/** The client's agreements of one template, newest first. */
export async function listAgreements(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  templateId: string,
): Promise<AgreementRecord[]> {
  return agreementQuery(tx)
    .where(
      and(
        eq(paperworkAssignments.practiceId, practiceId),
        eq(paperworkAssignments.patientId, patientId),
        eq(paperworkAssignments.templateId, templateId),
        standalone,
      ),
    )
    .orderBy(desc(paperworkAssignments.assignedAt), desc(paperworkAssignments.id))
    .limit(50);
}

export async function findAgreement(
  tx: Transaction,
  practiceId: string,
  assignmentId: string,
  options: { forUpdate?: boolean } = {},
): Promise<AgreementRecord | undefined> {
  const query = agreementQuery(tx).where(
    and(eq(paperworkAssignments.practiceId, practiceId), eq(paperworkAssignments.id, assignmentId), standalone),
  );
  const [row] = options.forUpdate ? await query.for('update', { of: paperworkAssignments }) : await query;
  return row;
}

/**
 * Assigns the template's current version to the client unless an unsigned one waits already
 * (the partial unique index `paperwork_assignments_one_open_agreement` decides under
 * concurrency); returns the new assignment's id, or undefined when one was waiting.
 */
export async function insertAgreementUnlessOpen(
  tx: Transaction,
  practiceId: string,
  agreement: { patientId: string; templateId: string; now: Date },
): Promise<string | undefined> {
  const [template] = await tx
    .select({ currentVersion: paperworkTemplates.currentVersion, kind: paperworkTemplates.kind })
    .from(paperworkTemplates)
    .where(and(eq(paperworkTemplates.practiceId, practiceId), eq(paperworkTemplates.id, agreement.templateId)));
  if (!template || template.kind !== 'consent') throw new Error(`template ${agreement.templateId} is not a consent`);
  const [row] = await tx
    .insert(paperworkAssignments)
    .values({
      practiceId,
      appointmentId: null,
      patientId: agreement.patientId,
      templateId: agreement.templateId,
      templateVersion: template.currentVersion,
      kind: 'consent',
      status: 'not_signed',
      assignedAt: agreement.now,
      statusChangedAt: agreement.now,
    })
    .onConflictDoNothing()
    .returning({ id: paperworkAssignments.id });
  return row?.id;
}

/** The patient's signature of an assignment's current round: who typed what name, when. */
export async function findPatientSignature(
  tx: Transaction,
  practiceId: string,
  assignmentId: string,
  round: number,
): Promise<{ typedName: string; signedAt: Date } | undefined> {
  const [row] = await tx
    .select({ typedName: paperworkSignatures.typedName, signedAt: paperworkSignatures.signedAt })
    .from(paperworkSignatures)
    .where(
      and(
        eq(paperworkSignatures.practiceId, practiceId),
        eq(paperworkSignatures.assignmentId, assignmentId),
        eq(paperworkSignatures.round, round),
        eq(paperworkSignatures.role, 'patient'),
      ),
    );
  return row;
}

/** Any consent assignment (for a visit or standing alone): whose, which template, and its status. */
export async function findConsentAssignment(
  tx: Transaction,
  practiceId: string,
  assignmentId: string,
): Promise<{ patientId: string; templateId: string; status: PaperworkStatus } | undefined> {
  const [row] = await tx
    .select({ patientId: paperworkAssignments.patientId, templateId: paperworkAssignments.templateId, status: paperworkAssignments.status })
    .from(paperworkAssignments)
    .where(
      and(
        eq(paperworkAssignments.practiceId, practiceId),
        eq(paperworkAssignments.id, assignmentId),
        eq(paperworkAssignments.kind, 'consent'),
      ),
    );
  return row;
}

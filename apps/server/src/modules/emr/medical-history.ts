import {
  emptyMedicalHistoryContent,
  type MedicalHistory,
  type MedicalHistoryAuthor,
  type MedicalHistoryContent,
  type MedicalHistoryReviewList,
  type MedicalHistoryVersion,
} from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { emrAudit, staffNamesOf, type EmrDependencies } from './emr-dependencies.ts';
import { changedSections, describeMedicalHistoryChanges } from './medical-history-changes.ts';
import * as repository from './medical-history-repository.ts';

/** How many patients the EMR's review list shows at most. */
const REVIEW_LIST_LIMIT = 200;

type StaffNames = Awaited<ReturnType<typeof staffNamesOf>>;
type PatientNames = Map<string, { firstName: string; lastName: string }>;

/** The author of a version: a staff member by name, or a patient (themselves or a guardian) by name. */
function authorOf(
  writer: { changedByStaffId: string | null; changedByPatientId: string | null },
  staffNames: StaffNames,
  patientNames: PatientNames,
): MedicalHistoryAuthor {
  if (writer.changedByStaffId) return { kind: 'staff', ...staffNames(writer.changedByStaffId) };
  const patientId = writer.changedByPatientId ?? '';
  const patient = patientNames.get(patientId);
  return { kind: 'patient', id: patientId, displayName: patient ? `${patient.firstName} ${patient.lastName}` : 'The patient' };
}

async function assertPatientInPractice(deps: EmrDependencies, tx: Transaction, practiceId: string, patientId: string): Promise<void> {
  const found = await deps.patients.findPatientSummariesWithin(tx, practiceId, [patientId]);
  if (!found.has(patientId)) throw new NotFoundError('Patient', 'patientId');
}

interface HistoryDraft {
  patientId: string;
  record: repository.MedicalHistoryRecord | undefined;
  latest: repository.MedicalHistoryVersionRecord | undefined;
  patientNames: PatientNames;
}

async function readHistoryDraft(deps: EmrDependencies, tx: Transaction, practiceId: string, patientId: string): Promise<HistoryDraft> {
  const record = await repository.findMedicalHistory(tx, practiceId, patientId);
  const latest = record ? await repository.findMedicalHistoryVersion(tx, practiceId, patientId, record.version) : undefined;
  const patientNames = latest?.changedByPatientId
    ? await deps.patients.findPatientSummariesWithin(tx, practiceId, [latest.changedByPatientId])
    : new Map<string, { firstName: string; lastName: string }>();
  return { patientId, record, latest, patientNames };
}

function toMedicalHistory(draft: HistoryDraft, staffNames: StaffNames): MedicalHistory {
  const { record, latest } = draft;
  const content: MedicalHistoryContent = record?.content ?? emptyMedicalHistoryContent;
  return {
    patientId: draft.patientId,
    ...content,
    version: record?.version ?? 0,
    updatedAt: record?.updatedAt.toISOString() ?? null,
    updatedBy: latest ? authorOf(latest, staffNames, draft.patientNames) : null,
    needsReview: record?.reviewVersion != null,
    reviewedAt: record?.reviewedAt?.toISOString() ?? null,
    reviewedBy: record?.reviewedBy ? staffNames(record.reviewedBy) : null,
  };
}

/** A patient's medical history (an empty version 0 before anyone saved it); every read is audited. */
export async function getMedicalHistory(
  deps: EmrDependencies,
  actor: StaffActor,
  patientId: string,
  meta: RequestMeta,
): Promise<MedicalHistory> {
  await deps.clientAccess.assertMayReadClient(actor, patientId);
  const draft = await inPractice(deps.database, actor.practiceId, async (tx) => {
    await assertPatientInPractice(deps, tx, actor.practiceId, patientId);
    const read = await readHistoryDraft(deps, tx, actor.practiceId, patientId);
    await recordAudit(
      tx,
      emrAudit(actor, meta, 'medical_history.read', { type: 'patient', id: patientId }, { version: read.record?.version ?? 0 }),
    );
    return read;
  });
  return toMedicalHistory(draft, await staffNamesOf(deps, actor));
}

/**
 * Saves a staff member's version of the history. With `expectedVersion` (If-Match), a history
 * saved by someone else in between is refused (412) rather than overwritten. A save that
 * changes nothing adds no version. A patient's change awaiting review stays flagged: only
 * Mark Reviewed clears it.
 */
export async function saveMedicalHistory(
  deps: EmrDependencies,
  actor: StaffActor,
  patientId: string,
  content: MedicalHistoryContent,
  expectedVersion: number | undefined,
  meta: RequestMeta,
): Promise<MedicalHistory> {
  await deps.clientAccess.assertMayReadClient(actor, patientId);
  const draft = await inPractice(deps.database, actor.practiceId, async (tx) => {
    await assertPatientInPractice(deps, tx, actor.practiceId, patientId);
    const before = await repository.findMedicalHistory(tx, actor.practiceId, patientId, { forUpdate: true });
    const currentVersion = before?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== currentVersion) throw new PreconditionFailedError();
    const changes = describeMedicalHistoryChanges(before?.content ?? emptyMedicalHistoryContent, content);
    if (changes.length > 0) {
      const saved = await repository.saveMedicalHistoryVersion(tx, actor.practiceId, {
        patientId,
        expectedVersion: currentVersion,
        content,
        at: deps.clock.now(),
        writer: { staffId: actor.staffId },
        reviewVersion: 'keep',
      });
      // Only a first save can race past the row lock: two first versions at once.
      if (!saved) throw new PreconditionFailedError();
    }
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'medical_history.update',
        { type: 'patient', id: patientId },
        { fromVersion: currentVersion, changedSections: changedSections(changes) },
      ),
    );
    return readHistoryDraft(deps, tx, actor.practiceId, patientId);
  });
  return toMedicalHistory(draft, await staffNamesOf(deps, actor));
}

/** Every version of the history, newest first, each with what it changed; audited as a read. */
export async function listMedicalHistoryVersions(
  deps: EmrDependencies,
  actor: StaffActor,
  patientId: string,
  meta: RequestMeta,
): Promise<MedicalHistoryVersion[]> {
  await deps.clientAccess.assertMayReadClient(actor, patientId);
  const { versions, patientNames } = await inPractice(deps.database, actor.practiceId, async (tx) => {
    await assertPatientInPractice(deps, tx, actor.practiceId, patientId);
    const rows = await repository.listMedicalHistoryVersions(tx, actor.practiceId, patientId);
    const authors = rows.flatMap((row) => (row.changedByPatientId ? [row.changedByPatientId] : []));
    const names = await deps.patients.findPatientSummariesWithin(tx, actor.practiceId, authors);
    await recordAudit(
      tx,
      emrAudit(actor, meta, 'medical_history.versions_read', { type: 'patient', id: patientId }, { count: rows.length }),
    );
    return { versions: rows, patientNames: names };
  });
  const staffNames = await staffNamesOf(deps, actor);
  return versions.map((row, index) => ({
    version: row.version,
    changedAt: row.changedAt.toISOString(),
    changedBy: authorOf(row, staffNames, patientNames),
    changes: describeMedicalHistoryChanges(versions[index + 1]?.content ?? emptyMedicalHistoryContent, row.content),
    content: row.content,
  }));
}

/**
 * A staff member marks the patient's change reviewed. With `expectedVersion` (If-Match), a
 * history that changed since it was shown is refused (412), so nobody marks unseen changes
 * reviewed; 409 when nothing waits for review.
 */
export async function reviewMedicalHistory(
  deps: EmrDependencies,
  actor: StaffActor,
  patientId: string,
  expectedVersion: number | undefined,
  meta: RequestMeta,
): Promise<MedicalHistory> {
  await deps.clientAccess.assertMayReadClient(actor, patientId);
  const draft = await inPractice(deps.database, actor.practiceId, async (tx) => {
    await assertPatientInPractice(deps, tx, actor.practiceId, patientId);
    const before = await repository.findMedicalHistory(tx, actor.practiceId, patientId, { forUpdate: true });
    if (expectedVersion !== undefined && expectedVersion !== (before?.version ?? 0)) throw new PreconditionFailedError();
    if (!before || before.reviewVersion === null) {
      throw new ConflictError('Nothing in this medical history waits for review.', 'nothing_to_review', { field: 'patientId' });
    }
    const reviewed = await repository.markMedicalHistoryReviewed(tx, actor.practiceId, {
      patientId,
      version: before.version,
      at: deps.clock.now(),
      staffId: actor.staffId,
    });
    if (!reviewed) throw new PreconditionFailedError();
    await recordAudit(tx, emrAudit(actor, meta, 'medical_history.review', { type: 'patient', id: patientId }, { version: before.version }));
    return readHistoryDraft(deps, tx, actor.practiceId, patientId);
  });
  return toMedicalHistory(draft, await staffNamesOf(deps, actor));
}

/** The patients whose own change to their history waits for review, the longest waiting first; audited. */
export async function listMedicalHistoryReviews(
  deps: EmrDependencies,
  actor: StaffActor,
  meta: RequestMeta,
): Promise<MedicalHistoryReviewList['items']> {
  // A provider limited to their own clients sees only theirs waiting (the names are patient data too).
  const awaiting = await inPractice(deps.database, actor.practiceId, (tx) =>
    repository.listMedicalHistoriesAwaitingReview(tx, actor.practiceId, REVIEW_LIST_LIMIT),
  );
  const readable = await deps.clientAccess.readableClients(
    actor,
    awaiting.map((entry) => entry.patientId),
  );
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const waiting = awaiting.filter((entry) => readable.has(entry.patientId));
    const patients = await deps.patients.findPatientSummariesWithin(
      tx,
      actor.practiceId,
      waiting.map((entry) => entry.patientId),
    );
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'medical_history.reviews_list',
        { type: 'patient', id: null },
        { patientIds: waiting.map((entry) => entry.patientId) },
      ),
    );
    return waiting.flatMap((entry) => {
      const patient = patients.get(entry.patientId);
      if (!patient) return [];
      return [
        {
          patient: { id: patient.id, firstName: patient.firstName, lastName: patient.lastName },
          version: entry.version,
          changedAt: entry.updatedAt.toISOString(),
        },
      ];
    });
  });
}

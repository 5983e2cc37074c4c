import type { ProcedureSection, ProcedureType } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { emrAudit, type EmrDependencies } from './emr-dependencies.ts';
import * as repository from './emr-repository.ts';

export interface ProcedureTypeInput {
  name: string;
  sections: ProcedureSection[];
  photoConsentTemplateId?: string | null | undefined;
  /** With the consents section: consent templates the patient signs before the chart is signed. */
  requiredConsentTemplateIds?: string[] | undefined;
}

export function toProcedureType(record: repository.ProcedureTypeRecord): ProcedureType {
  return {
    id: record.id,
    name: record.name,
    sections: record.sections,
    photoConsentTemplateId: record.photoConsentTemplateId,
    requiredConsentTemplateIds: record.requiredConsentTemplateIds,
    createdAt: record.createdAt.toISOString(),
  };
}

export async function listProcedureTypes(deps: EmrDependencies, actor: StaffActor): Promise<ProcedureType[]> {
  const records = await inPractice(deps.database, actor.practiceId, (tx) => repository.listProcedureTypes(tx, actor.practiceId));
  return records.map(toProcedureType);
}

/**
 * Adds a procedure type (owner or admin); 409 when the practice already has one of that
 * name, 404 when the photo consent is not one of the practice's active consent templates.
 */
export async function createProcedureType(
  deps: EmrDependencies,
  actor: StaffActor,
  input: ProcedureTypeInput,
  meta: RequestMeta,
): Promise<ProcedureType> {
  const photoConsentTemplateId = input.photoConsentTemplateId ?? null;
  const requiredConsentTemplateIds = input.sections.includes('consents') ? (input.requiredConsentTemplateIds ?? []) : [];
  const created = await inPractice(deps.database, actor.practiceId, async (tx) => {
    if (photoConsentTemplateId && !(await deps.photoConsents.findConsentTemplateWithin(tx, actor.practiceId, photoConsentTemplateId))) {
      throw new NotFoundError('Consent template', 'photoConsentTemplateId');
    }
    for (const [index, templateId] of requiredConsentTemplateIds.entries()) {
      if (!(await deps.photoConsents.findConsentTemplateWithin(tx, actor.practiceId, templateId))) {
        throw new NotFoundError('Consent template', `requiredConsentTemplateIds[${index}]`);
      }
    }
    const record = await repository.insertProcedureType(tx, actor.practiceId, {
      name: input.name,
      sections: input.sections,
      photoConsentTemplateId,
      requiredConsentTemplateIds,
      createdAt: deps.clock.now(),
      createdBy: actor.staffId,
    });
    if (!record) throw new ConflictError(`There is already a procedure type named “${input.name}”.`, 'duplicate_name', { field: 'name' });
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'procedure_type.create',
        { type: 'procedure_type', id: record.id },
        { name: input.name, sections: input.sections, requiredConsentTemplateIds },
      ),
    );
    return record;
  });
  return toProcedureType(created);
}

import type { Transaction } from '../../platform/database.ts';
import { findAssignment, findTemplate } from './paperwork-repository.ts';

/**
 * A membership plan's agreement is one of the practice's consent templates; a client
 * enrols after signing it (the memberships module's `MembershipAgreements` port).
 */
export const membershipAgreements = {
  async isConsentTemplateWithin(tx: Transaction, practiceId: string, templateId: string): Promise<boolean> {
    return (await findTemplate(tx, practiceId, templateId))?.kind === 'consent';
  },
  async findConsentAssignmentWithin(tx: Transaction, practiceId: string, assignmentId: string) {
    const assignment = await findAssignment(tx, practiceId, assignmentId);
    if (!assignment || assignment.kind !== 'consent') return undefined;
    return { patientId: assignment.patientId, templateId: assignment.templateId, signed: assignment.status === 'signed' };
  },
};

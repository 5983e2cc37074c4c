import type { Transaction } from '../../platform/database.ts';
import * as repository from './memberships-repository.ts';

/**
 * Names of the practice's active plans whose agreement is the consent template: paperwork asks
 * before a change that would leave their new members unable to sign it (docs/decisions/033).
 * Deactivated plans are left out: they enrol no one until reactivated, which checks again.
 */
export async function activePlanNamesUsingAgreementWithin(tx: Transaction, practiceId: string, templateId: string): Promise<string[]> {
  return repository.listActivePlanNamesByAgreement(tx, practiceId, templateId);
}

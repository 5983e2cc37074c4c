import type { PaperworkAnswers, PortalPaperworkItem } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { loadOwnAssignmentWithin, patientAudit, portalItemWithin, type PatientWithProfile } from './own-paperwork.ts';
import { changePaperworkStatusWithin } from './paperwork-assignment.ts';
import * as signing from './paperwork-signing-repository.ts';
import { parseStoredContent } from './paperwork-template-content.ts';
import { checkAnswers } from './questionnaire-answers.ts';

/**
 * The patient saves a questionnaire's answers (save and come back): a draft replaces the one
 * saved before; `submit` enforces the required questions and makes the form Filled, after which
 * it is locked (409) until the practice resets it. Answers are checked against the exact
 * version the patient was given; a refused request writes nothing.
 */
export async function saveOwnAnswers(
  deps: { database: Database; clock: Clock },
  actor: PatientWithProfile,
  assignmentId: string,
  input: { answers: PaperworkAnswers; submit: boolean },
  meta: RequestMeta,
): Promise<PortalPaperworkItem> {
  const now = deps.clock.now();
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const { assignment, visit } = await loadOwnAssignmentWithin(tx, actor, assignmentId, now);
    if (assignment.kind !== 'questionnaire') {
      throw new ConflictError(`This form is a ${assignment.kind}; it has no questions to answer.`, 'not_a_questionnaire', {
        field: 'assignmentId',
      });
    }
    if (assignment.status !== 'not_filled') {
      throw new ConflictError(
        'This form was already submitted; ask the clinic to reset it to change your answers.',
        'paperwork_completed',
        {
          field: 'assignmentId',
        },
      );
    }
    const content = parseStoredContent(assignment.kind, assignment.content);
    const questions = content.kind === 'questionnaire' ? content.questions : [];
    const checked = checkAnswers(questions, input.answers, { submit: input.submit });
    if (checked.problems.length > 0 || !('answers' in checked)) {
      const [first] = checked.problems;
      throw new ValidationError(
        checked.problems.some((problem) => problem.code === 'answer_required')
          ? 'Answer every required question before submitting.'
          : (first?.message ?? 'Check your answers.'),
        { field: first?.field ?? 'answers', code: first?.code ?? 'invalid_answer', problems: checked.problems },
      );
    }
    await signing.saveResponse(tx, actor.practiceId, {
      assignmentId,
      round: assignment.resetCount,
      templateVersion: assignment.templateVersion,
      answers: checked.answers,
      savedAt: now,
      submittedAt: input.submit ? now : null,
    });
    if (input.submit) {
      await changePaperworkStatusWithin(tx, actor.practiceId, {
        assignmentId,
        status: 'filled',
        details: { via: 'portal', round: assignment.resetCount, templateVersion: assignment.templateVersion },
        now,
      });
    }
    await recordAudit(tx, {
      ...patientAudit(actor, meta),
      action: input.submit ? 'paperwork_assignment.submit' : 'paperwork_assignment.save_answers',
      objectType: 'paperwork_assignment',
      objectId: assignmentId,
      details: {
        via: 'portal',
        templateVersion: assignment.templateVersion,
        answered: Object.keys(checked.answers),
      },
    });
    return portalItemWithin(tx, actor.practiceId, assignmentId, visit);
  });
}

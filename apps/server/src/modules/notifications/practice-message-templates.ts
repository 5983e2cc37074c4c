import { templateTextProblem, type MessageTemplateKey } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { defaultMessageTemplates } from './default-message-templates.ts';
import { renderTemplate, type MessageContext, type MessageTemplateText, type RenderedMessage } from './render-message-template.ts';
import * as templates from './template-repository.ts';

/** The practice's wording for a template, or the built-in default when it has none. */
export async function loadMessageTemplate(tx: Transaction, practiceId: string, key: MessageTemplateKey): Promise<MessageTemplateText> {
  const stored = await templates.findStoredTemplate(tx, practiceId, key);
  if (!stored) return defaultMessageTemplates[key];
  return { emailSubject: stored.emailSubject, emailBody: stored.emailBody, smsBody: stored.smsBody };
}

/**
 * The practice's template filled for one message, in both channels (what the after-booking
 * pop-up pre-fills and what reminders send). Times are shown in `context.clinic.timeZone`.
 */
export async function renderPracticeMessage(
  tx: Transaction,
  practiceId: string,
  key: MessageTemplateKey,
  context: MessageContext,
): Promise<RenderedMessage> {
  return renderTemplate(await loadMessageTemplate(tx, practiceId, key), context);
}

/** The problems with each field of a template before it is saved (unknown placeholders, unclosed tags). */
export function templateProblems(key: MessageTemplateKey, text: MessageTemplateText): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['emailSubject', 'emailBody', 'smsBody'] as const) {
    const problem = templateTextProblem(key, text[field]);
    if (problem !== undefined) {
      problems.push({ field, message: problem, code: problem.startsWith('Unknown') ? 'unknown_placeholder' : 'unclosed_placeholder' });
    }
  }
  return problems;
}

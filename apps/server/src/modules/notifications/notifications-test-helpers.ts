/** Shared arrangements for the notifications tests (never imported by the app). */
import type { MessageDetail } from '@glowdesk/contracts';
import type { GlowdeskApp } from '../../app.ts';
import type { Database } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { TestPractice } from '../../testing/test-app.ts';
import { enqueueMessage, type OutgoingMessage } from './message-outbox.ts';

export async function queueMessage(database: Database, practiceId: string, message: OutgoingMessage): Promise<string> {
  const { messageId } = await inPractice(database, practiceId, (tx) => enqueueMessage(tx, practiceId, message));
  return messageId;
}

export function sampleEmail(overrides: Partial<Extract<OutgoingMessage, { channel: 'email' }>> = {}): OutgoingMessage {
  return {
    channel: 'email',
    to: 'camila.ortega@example.com',
    subject: 'Your appointment at Glow Clinic is confirmed',
    textBody: 'Hi Camila,\n\nSee you on Tuesday.',
    ...overrides,
  };
}

export function sampleSms(overrides: Partial<Extract<OutgoingMessage, { channel: 'sms' }>> = {}): OutgoingMessage {
  return { channel: 'sms', to: '+12125550143', textBody: 'Glow Clinic: see you Tuesday at 2:30 PM.', ...overrides };
}

export async function readMessage(app: GlowdeskApp, practice: TestPractice, messageId: string): Promise<MessageDetail> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/messages/${messageId}`, headers: practice.owner.headers });
  if (response.statusCode !== 200) throw new Error(`GET message ${messageId}: ${response.statusCode} ${response.body}`);
  return response.json<MessageDetail>();
}

/** Polls until the condition holds (the worker runs on its own timer). */
export async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs = 25_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

import type { MessagePage } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { messageListRefreshInterval } from './get-messages.ts';

const pageWith = (...statuses: MessagePage['items'][number]['status'][]): MessagePage =>
  ({ items: statuses.map((status) => ({ status })), nextCursor: null }) as unknown as MessagePage;

describe('messageListRefreshInterval', () => {
  it('refreshes soon while a message is queued or being sent', () => {
    expect(messageListRefreshInterval([pageWith('sent', 'queued')])).toBe(2_000);
    expect(messageListRefreshInterval([pageWith('held'), pageWith('sending')])).toBe(2_000);
  });

  it('refreshes at the idle pace when every message has settled', () => {
    expect(messageListRefreshInterval([pageWith('sent', 'held', 'failed', 'cancelled')])).toBe(15_000);
    expect(messageListRefreshInterval(undefined)).toBe(15_000);
  });
});

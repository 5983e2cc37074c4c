import { describe, expect, it } from 'vitest';
import { formatByteSize, formatMessageTime } from './format-message-time.ts';

describe('message times and sizes', () => {
  it('shows an instant on the practice wall clock with the zone of that date', () => {
    expect(formatMessageTime('2026-03-08T06:30:00Z', 'America/New_York')).toBe('Mar 8, 2026, 1:30 AM EST');
    expect(formatMessageTime('2026-03-08T07:30:00Z', 'America/New_York')).toBe('Mar 8, 2026, 3:30 AM EDT');
  });

  it('shows sizes in bytes, KB or MB', () => {
    expect(formatByteSize(512)).toBe('512 bytes');
    expect(formatByteSize(1536)).toBe('1.5 KB');
    expect(formatByteSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "Nov 21, 2026, 5:33 PM EST": an instant on the practice's wall clock, with the zone's
 * abbreviation at that instant (EST or EDT).
 */
export function formatMessageTime(instant: string, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(new Date(instant));
}

/** "1.2 KB" for an attachment's size. */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

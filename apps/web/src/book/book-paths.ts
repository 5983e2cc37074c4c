/** The booking page's address: `/book/<slug>`. */
export function bookPath(slug: string): string {
  return `/book/${encodeURIComponent(slug)}`;
}

/**
 * The practice's slug in a booking page address (`/book/<slug>` or `/book/<slug>/`), or
 * undefined for any other path under /book (an unknown page).
 */
export function bookSlugOf(pathname: string): string | undefined {
  const match = /^\/book\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** The practice's patient portal, where a booked patient sees their appointments. */
export function portalAppointmentsPath(slug: string): string {
  return `/portal/${encodeURIComponent(slug)}/appointments`;
}

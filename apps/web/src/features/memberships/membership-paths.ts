export const MEMBERSHIPS_PATH = '/memberships';

/** The staff page of one membership (from the Memberships tab or a client's profile). */
export function membershipPath(membershipId: string): string {
  return `${MEMBERSHIPS_PATH}/${encodeURIComponent(membershipId)}`;
}

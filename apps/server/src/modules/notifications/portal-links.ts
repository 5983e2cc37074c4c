import type { Transaction } from '../../platform/database.ts';

/**
 * `{{portalLink}}`: the patient portal's address for a practice (`<PUBLIC_BASE_URL>/portal/<slug>`),
 * or undefined while the practice has no slug or the server knows no public address; the
 * templates then leave the sentence out rather than link to a page that does not exist.
 */
export type PortalLinkSource = (tx: Transaction, practiceId: string) => Promise<string | undefined>;

export function portalLinkSource(
  publicBaseUrl: string | undefined,
  slugWithin: (tx: Transaction, practiceId: string) => Promise<string | null>,
): PortalLinkSource {
  return async (tx, practiceId) => {
    if (!publicBaseUrl) return undefined;
    const slug = await slugWithin(tx, practiceId);
    return slug ? `${publicBaseUrl}/portal/${encodeURIComponent(slug)}` : undefined;
  };
}

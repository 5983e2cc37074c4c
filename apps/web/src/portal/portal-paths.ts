/** The portal's own addresses under `/portal/<slug>`. */
export function portalHomePath(slug: string): string {
  return `/portal/${encodeURIComponent(slug)}`;
}

export function signInPath(slug: string): string {
  return `${portalHomePath(slug)}/sign-in`;
}

export function signUpPath(slug: string): string {
  return `${portalHomePath(slug)}/sign-up`;
}

export function appointmentsPath(slug: string): string {
  return `${portalHomePath(slug)}/appointments`;
}

export function notificationsPath(slug: string): string {
  return `${portalHomePath(slug)}/notifications`;
}

export function paperworkPath(slug: string): string {
  return `${portalHomePath(slug)}/paperwork`;
}

/** The practice's online booking page (its own entry page, outside the portal's router: link to it with a plain anchor). */
export function bookOnlinePath(slug: string): string {
  return `/book/${encodeURIComponent(slug)}`;
}

export function profilePath(slug: string): string {
  return `${portalHomePath(slug)}/profile`;
}

/** The patient's medical history: allergies, medications, conditions, previous treatments, pregnancy. */
export function medicalHistoryPath(slug: string): string {
  return `${portalHomePath(slug)}/medical-history`;
}

export function walletPath(slug: string): string {
  return `${portalHomePath(slug)}/wallet`;
}

/** Become A Member: join a plan sold online, and see your memberships. */
export function membershipsPath(slug: string): string {
  return `${portalHomePath(slug)}/memberships`;
}

/** Update card: put another card on a membership (a Past Due or Suspended one pays what it owes at once). */
export function membershipCardPath(slug: string, membershipId: string): string {
  return `${membershipsPath(slug)}/${encodeURIComponent(membershipId)}/card`;
}

export function paymentMethodsPath(slug: string): string {
  return `${portalHomePath(slug)}/payment-methods`;
}

export function paymentHistoryPath(slug: string): string {
  return `${paymentMethodsPath(slug)}/history`;
}

export function invoicePath(slug: string, invoiceId: string): string {
  return `${paymentHistoryPath(slug)}/${encodeURIComponent(invoiceId)}`;
}

/** The practice's slug in a portal path, or undefined outside the portal. */
export function portalSlugOf(pathname: string): string | undefined {
  const match = /^\/portal\/([^/]+)/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/** The patient's prescriptions, read-only. */
export function prescriptionsPath(slug: string): string {
  return `${portalHomePath(slug)}/prescriptions`;
}

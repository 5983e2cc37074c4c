/**
 * The root of every practice-setup query. Setup records point at each other (a service lists
 * its providers, a provider its services, a resource its clinic), so a change to one refetches
 * them all; the lists are small.
 */
export const practiceSetupQueryKey = ['practice-setup'] as const;

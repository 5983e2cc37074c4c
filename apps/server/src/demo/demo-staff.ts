import type { StaffRole } from '../platform/auth/roles.ts';

/** Every demo account signs in with this password (demo data only). */
export const DEMO_PASSWORD = 'glowdesk-demo';
export const DEMO_OWNER_EMAIL = 'owner@demo.glowdesk.app';

export interface DemoStaffMember {
  email: string;
  displayName: string;
  role: StaffRole;
}

export const demoPractice = { name: 'Lumière Aesthetics', timezone: 'America/New_York', slug: 'demo' } as const;

export const demoOwner: DemoStaffMember = { email: DEMO_OWNER_EMAIL, displayName: 'Olivia Bennett', role: 'owner' };

export const demoStaff: DemoStaffMember[] = [
  { email: 'admin@demo.glowdesk.app', displayName: 'Marcus Chen', role: 'admin' },
  { email: 'frontdesk@demo.glowdesk.app', displayName: 'Priya Patel', role: 'front_desk' },
  { email: 'sofia.ramirez@demo.glowdesk.app', displayName: 'Sofia Ramirez, NP', role: 'provider' },
  { email: 'james.whitaker@demo.glowdesk.app', displayName: 'Dr. James Whitaker', role: 'provider' },
  { email: 'aisha.johnson@demo.glowdesk.app', displayName: 'Aisha Johnson, RN', role: 'provider' },
  { email: 'emily.nakamura@demo.glowdesk.app', displayName: 'Emily Nakamura, PA-C', role: 'provider' },
  { email: 'daniel.kowalski@demo.glowdesk.app', displayName: 'Daniel Kowalski, LE', role: 'provider' },
  { email: 'hannah.okafor@demo.glowdesk.app', displayName: 'Hannah Okafor, RN', role: 'provider' },
];

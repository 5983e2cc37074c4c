import type { GlowdeskApp } from '../app.ts';
import type { StaffActor } from '../platform/auth/access.ts';
import { DEMO_PASSWORD, demoOwner, demoPractice, demoStaff } from './demo-staff.ts';
import { seedDemoAppointments } from './demo-appointments.ts';
import { seedDemoBookingPortal } from './demo-booking-portal.ts';
import { seedDemoEmr } from './demo-emr.ts';
import { seedDemoMedicalHistory } from './demo-medical-history.ts';
import { seedDemoMemberships } from './demo-memberships.ts';
import { seedDemoPaperwork } from './demo-paperwork.ts';
import { seedDemoSales } from './demo-sales.ts';
import { seedDemoPracticeSetup } from './demo-practice-setup.ts';

export interface DemoSeedResult {
  seeded: boolean;
  logins: { email: string; role: string }[];
}

const systemMeta = { ip: '127.0.0.1', requestId: 'seed-demo', userAgent: 'glowdesk seed-demo' };

/**
 * Loads the demo practice through the same use cases the API calls, so demo data obeys
 * every rule real data does. Does nothing when any practice exists.
 */
export async function seedDemo(app: GlowdeskApp): Promise<DemoSeedResult> {
  const { identity } = app.services;
  const logins = [demoOwner, ...demoStaff].map(({ email, role }) => ({ email, role }));
  if ((await identity.countPractices()) > 0) return { seeded: false, logins };

  const { practice, owner } = await identity.createPracticeWithOwner({
    practiceName: demoPractice.name,
    timezone: demoPractice.timezone,
    ownerEmail: demoOwner.email,
    ownerName: demoOwner.displayName,
    password: DEMO_PASSWORD,
  });
  const ownerActor: StaffActor = {
    kind: 'staff',
    staffId: owner.id,
    practiceId: practice.id,
    role: 'owner',
    email: owner.email,
    displayName: owner.displayName,
    sessionTokenHash: 'seed-demo',
  };
  await app.services.practiceSettings.changePracticeSlug(ownerActor, demoPractice.slug, systemMeta);
  for (const member of demoStaff) {
    await identity.createStaff(ownerActor, { ...member, password: DEMO_PASSWORD }, systemMeta);
  }
  await seedDemoPracticeSetup(app, ownerActor);
  await seedDemoPaperwork(app, ownerActor);
  await seedDemoAppointments(app, ownerActor);
  await seedDemoSales(app, ownerActor);
  await seedDemoEmr(app, ownerActor);
  await seedDemoMedicalHistory(app, ownerActor);
  await seedDemoMemberships(app, ownerActor, demoPractice.timezone, new Date());
  await seedDemoBookingPortal(app, ownerActor, demoPractice.timezone, new Date());
  return { seeded: true, logins };
}

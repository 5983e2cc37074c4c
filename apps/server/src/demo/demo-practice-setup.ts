import type { GlowdeskApp } from '../app.ts';
import type { StaffActor } from '../platform/auth/access.ts';

/**
 * The demo practice's setup: two clinics on opposite coasts, their rooms and devices, a
 * med-spa service menu with two packages, and the six demo providers with weekly hours
 * (two of them split their week between the clinics). Loaded through the practice
 * module's use cases, so it obeys every rule API data does.
 */

const systemMeta = { ip: '127.0.0.1', requestId: 'seed-demo', userAgent: 'glowdesk seed-demo' };

/** Rules apply from here on, so the demo calendar has hours whenever it is opened. */
const SCHEDULE_START = '2025-01-05';

type ClinicKey = 'soho' | 'santaMonica';
type ResourceKey = 'rooms' | 'gentleMax' | 'ipl' | 'hydrafacial' | 'morpheus8';

const clinics: Record<ClinicKey, Parameters<GlowdeskApp['services']['practice']['clinics']['create']>[1]> = {
  soho: {
    name: 'Lumière Aesthetics — SoHo',
    addressLine1: '120 Prince Street',
    addressLine2: 'Floor 2',
    city: 'New York',
    region: 'NY',
    postalCode: '10012',
    country: 'US',
    phone: '+1 (212) 555-0142',
    timezone: 'America/New_York',
    notificationEmail: 'soho@lumiere-aesthetics.example',
    smsNotificationPhone: '+12125550142',
    slotStepMinutes: 15,
    minimumNoticeMinutes: 0,
    bookingHorizonDays: 365,
  },
  santaMonica: {
    name: 'Lumière Aesthetics — Santa Monica',
    addressLine1: '1420 Montana Avenue',
    city: 'Santa Monica',
    region: 'CA',
    postalCode: '90403',
    country: 'US',
    phone: '+1 (310) 555-0187',
    timezone: 'America/Los_Angeles',
    notificationEmail: 'santamonica@lumiere-aesthetics.example',
    smsNotificationPhone: '+13105550187',
    slotStepMinutes: 15,
    minimumNoticeMinutes: 0,
    bookingHorizonDays: 365,
  },
};

const resources: { clinic: ClinicKey; key: ResourceKey; name: string; kind: 'room' | 'equipment'; quantity: number }[] = [
  { clinic: 'soho', key: 'rooms', name: 'Treatment Rooms 1–3', kind: 'room', quantity: 3 },
  { clinic: 'soho', key: 'gentleMax', name: 'Candela GentleMax Pro laser', kind: 'equipment', quantity: 1 },
  { clinic: 'soho', key: 'ipl', name: 'Lumenis M22 IPL', kind: 'equipment', quantity: 1 },
  { clinic: 'soho', key: 'hydrafacial', name: 'HydraFacial Syndeo', kind: 'equipment', quantity: 1 },
  { clinic: 'soho', key: 'morpheus8', name: 'InMode Morpheus8', kind: 'equipment', quantity: 1 },
  { clinic: 'santaMonica', key: 'rooms', name: 'Treatment Rooms 1–3', kind: 'room', quantity: 3 },
  { clinic: 'santaMonica', key: 'gentleMax', name: 'Candela GentleMax Pro laser', kind: 'equipment', quantity: 1 },
  { clinic: 'santaMonica', key: 'ipl', name: 'Lumenis M22 IPL', kind: 'equipment', quantity: 1 },
  { clinic: 'santaMonica', key: 'hydrafacial', name: 'HydraFacial Syndeo', kind: 'equipment', quantity: 1 },
];

interface DemoService {
  key: string;
  name: string;
  category: string;
  description: string;
  durationMinutes: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  priceCents: number;
  cancellationFeeCents: number;
  noShowFeeCents: number;
  mode?: 'in_person' | 'virtual' | 'both';
  bookableOnline?: boolean;
  /** The booking page takes a card and the cancellation policy's acceptance first. */
  requiresCardForOnlineBooking?: boolean;
  clinics: ClinicKey[];
  /** Needed at every clinic that offers the service. */
  needs: ResourceKey[];
}

const bothClinics: ClinicKey[] = ['soho', 'santaMonica'];

const services: DemoService[] = [
  {
    key: 'botox',
    name: 'Botox — up to 3 areas',
    category: 'Injectables',
    description: 'Forehead lines, frown lines and crow’s feet.',
    durationMinutes: 30,
    bufferAfterMinutes: 5,
    priceCents: 45_000,
    cancellationFeeCents: 5_000,
    noShowFeeCents: 7_500,
    clinics: bothClinics,
    needs: ['rooms'],
  },
  {
    key: 'dysport',
    name: 'Dysport — up to 3 areas',
    category: 'Injectables',
    description: 'Neurotoxin with a softer spread for larger areas.',
    durationMinutes: 30,
    bufferAfterMinutes: 5,
    priceCents: 40_000,
    cancellationFeeCents: 5_000,
    noShowFeeCents: 7_500,
    clinics: bothClinics,
    needs: ['rooms'],
  },
  {
    key: 'fillerLips',
    requiresCardForOnlineBooking: true,
    name: 'Dermal Filler — Lips (1 syringe)',
    category: 'Injectables',
    description: 'Hyaluronic-acid lip filler with topical numbing.',
    durationMinutes: 45,
    bufferAfterMinutes: 10,
    priceCents: 75_000,
    cancellationFeeCents: 10_000,
    noShowFeeCents: 15_000,
    clinics: bothClinics,
    needs: ['rooms'],
  },
  {
    key: 'fillerCheeks',
    name: 'Dermal Filler — Cheeks (2 syringes)',
    category: 'Injectables',
    description: 'Mid-face volume restoration.',
    durationMinutes: 60,
    bufferAfterMinutes: 10,
    priceCents: 140_000,
    cancellationFeeCents: 15_000,
    noShowFeeCents: 20_000,
    clinics: bothClinics,
    needs: ['rooms'],
  },
  {
    key: 'kybella',
    name: 'Kybella — Submental Fat',
    category: 'Injectables',
    description: 'Deoxycholic-acid injections under the chin.',
    durationMinutes: 45,
    bufferAfterMinutes: 10,
    priceCents: 120_000,
    cancellationFeeCents: 10_000,
    noShowFeeCents: 15_000,
    clinics: ['soho'],
    needs: ['rooms'],
  },
  {
    key: 'lhrSmall',
    name: 'Laser Hair Removal — Small Area',
    category: 'Laser',
    description: 'Upper lip, chin or underarms.',
    durationMinutes: 20,
    bufferAfterMinutes: 5,
    priceCents: 15_000,
    cancellationFeeCents: 2_500,
    noShowFeeCents: 5_000,
    clinics: bothClinics,
    needs: ['rooms', 'gentleMax'],
  },
  {
    key: 'lhrLarge',
    name: 'Laser Hair Removal — Large Area',
    category: 'Laser',
    description: 'Full legs, back or chest.',
    durationMinutes: 60,
    bufferAfterMinutes: 10,
    priceCents: 45_000,
    cancellationFeeCents: 5_000,
    noShowFeeCents: 10_000,
    clinics: bothClinics,
    needs: ['rooms', 'gentleMax'],
  },
  {
    key: 'ipl',
    name: 'IPL Photofacial',
    category: 'Laser',
    description: 'Sun spots, redness and uneven tone.',
    durationMinutes: 45,
    bufferAfterMinutes: 10,
    priceCents: 40_000,
    cancellationFeeCents: 5_000,
    noShowFeeCents: 10_000,
    clinics: bothClinics,
    needs: ['rooms', 'ipl'],
  },
  {
    key: 'hydrafacial',
    name: 'HydraFacial Signature',
    category: 'Facials',
    description: 'Cleanse, extract and hydrate.',
    durationMinutes: 60,
    bufferAfterMinutes: 15,
    priceCents: 22_500,
    cancellationFeeCents: 2_500,
    noShowFeeCents: 5_000,
    clinics: bothClinics,
    needs: ['rooms', 'hydrafacial'],
  },
  {
    key: 'peel',
    name: 'Chemical Peel — Medium Depth',
    category: 'Facials',
    description: 'TCA peel for texture and pigment.',
    durationMinutes: 45,
    bufferAfterMinutes: 10,
    priceCents: 20_000,
    cancellationFeeCents: 2_500,
    noShowFeeCents: 5_000,
    clinics: bothClinics,
    needs: ['rooms'],
  },
  {
    key: 'microneedling',
    name: 'Microneedling',
    category: 'Skin',
    description: 'Collagen induction with a SkinPen, numbing included.',
    durationMinutes: 60,
    bufferAfterMinutes: 15,
    priceCents: 35_000,
    cancellationFeeCents: 5_000,
    noShowFeeCents: 7_500,
    clinics: bothClinics,
    needs: ['rooms'],
  },
  {
    key: 'rfMicroneedling',
    requiresCardForOnlineBooking: true,
    name: 'RF Microneedling — Morpheus8 Face',
    category: 'Skin',
    description: 'Radiofrequency microneedling for laxity and scarring.',
    durationMinutes: 90,
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 15,
    priceCents: 120_000,
    cancellationFeeCents: 15_000,
    noShowFeeCents: 25_000,
    clinics: ['soho'],
    needs: ['rooms', 'morpheus8'],
  },
  {
    key: 'prp',
    name: 'PRP Facial',
    category: 'Skin',
    description: 'Microneedling with platelet-rich plasma drawn the same visit.',
    durationMinutes: 75,
    bufferAfterMinutes: 15,
    priceCents: 90_000,
    cancellationFeeCents: 10_000,
    noShowFeeCents: 15_000,
    clinics: bothClinics,
    needs: ['rooms'],
  },
  {
    key: 'consultInPerson',
    name: 'Aesthetic Consultation',
    category: 'Consultations',
    description: 'Face-to-face assessment and treatment plan.',
    durationMinutes: 30,
    priceCents: 0,
    cancellationFeeCents: 0,
    noShowFeeCents: 2_500,
    clinics: bothClinics,
    needs: ['rooms'],
  },
  {
    key: 'consultVirtual',
    name: 'Virtual Consultation',
    category: 'Consultations',
    description: 'Video consultation from home.',
    durationMinutes: 20,
    priceCents: 0,
    cancellationFeeCents: 0,
    noShowFeeCents: 0,
    mode: 'virtual',
    clinics: bothClinics,
    needs: [],
  },
];

const packages: { name: string; description: string; priceCents: number; services: string[] }[] = [
  {
    name: 'Liquid Facelift',
    description: 'Cheek filler followed by Botox, one visit.',
    priceCents: 165_000,
    services: ['fillerCheeks', 'botox'],
  },
  {
    name: 'Radiance Reset',
    description: 'HydraFacial followed by an IPL Photofacial.',
    priceCents: 55_000,
    services: ['hydrafacial', 'ipl'],
  },
];

/** A working day with a lunch break: two intervals. */
const day = (weekday: number, start: string, lunchStart: string, lunchEnd: string, end: string) => [
  { weekday, start, end: lunchStart, effectiveFrom: SCHEDULE_START },
  { weekday, start: lunchEnd, end, effectiveFrom: SCHEDULE_START },
];

const injectables = ['botox', 'dysport', 'fillerLips', 'fillerCheeks', 'consultInPerson', 'consultVirtual'];

const providers: {
  email: string;
  title: string;
  virtualRoom?: string;
  services: string[];
  hours: Partial<Record<ClinicKey, ReturnType<typeof day>>>;
}[] = [
  {
    email: 'sofia.ramirez@demo.glowdesk.app',
    title: 'NP',
    virtualRoom: 'https://video.lumiere-aesthetics.example/sofia-ramirez',
    services: [...injectables, 'kybella', 'prp'],
    // New York Mon/Wed/Fri, Santa Monica Tue/Thu.
    hours: {
      soho: [
        ...day(1, '09:00', '13:00', '14:00', '18:00'),
        ...day(3, '09:00', '13:00', '14:00', '18:00'),
        ...day(5, '09:00', '13:00', '14:00', '17:00'),
      ],
      santaMonica: [...day(2, '09:00', '13:00', '13:30', '17:30'), ...day(4, '09:00', '13:00', '13:30', '17:30')],
    },
  },
  {
    email: 'james.whitaker@demo.glowdesk.app',
    title: 'MD, Medical Director',
    virtualRoom: 'https://video.lumiere-aesthetics.example/james-whitaker',
    services: [...injectables, 'kybella', 'prp', 'rfMicroneedling'],
    hours: { soho: [1, 2, 3, 4].flatMap((weekday) => day(weekday, '10:00', '13:00', '14:00', '19:00')) },
  },
  {
    email: 'aisha.johnson@demo.glowdesk.app',
    title: 'RN, CANS',
    services: ['botox', 'dysport', 'fillerLips', 'lhrSmall', 'lhrLarge', 'ipl', 'consultInPerson'],
    hours: {
      soho: [
        ...day(2, '09:00', '12:30', '13:30', '18:00'),
        ...day(4, '09:00', '12:30', '13:30', '18:00'),
        ...day(6, '09:00', '12:00', '12:30', '15:00'),
      ],
    },
  },
  {
    email: 'emily.nakamura@demo.glowdesk.app',
    title: 'PA-C',
    virtualRoom: 'https://video.lumiere-aesthetics.example/emily-nakamura',
    services: [...injectables, 'prp', 'microneedling'],
    hours: { santaMonica: [1, 2, 3, 4, 5].flatMap((weekday) => day(weekday, '08:30', '12:30', '13:30', '17:00')) },
  },
  {
    email: 'daniel.kowalski@demo.glowdesk.app',
    title: 'Licensed Esthetician',
    services: ['hydrafacial', 'peel', 'microneedling', 'lhrSmall', 'lhrLarge', 'ipl'],
    // New York Mon/Wed/Fri, Santa Monica Saturday.
    hours: {
      soho: [1, 3, 5].flatMap((weekday) => day(weekday, '10:00', '14:00', '14:30', '19:00')),
      santaMonica: day(6, '09:00', '13:00', '13:30', '16:00'),
    },
  },
  {
    email: 'hannah.okafor@demo.glowdesk.app',
    title: 'RN',
    services: ['botox', 'dysport', 'fillerLips', 'fillerCheeks', 'lhrSmall', 'lhrLarge', 'ipl', 'hydrafacial', 'peel'],
    hours: { santaMonica: [2, 3, 4, 5, 6].flatMap((weekday) => day(weekday, '10:00', '14:00', '15:00', '19:00')) },
  },
];

export async function seedDemoPracticeSetup(app: GlowdeskApp, owner: StaffActor): Promise<void> {
  const { identity, practice } = app.services;

  const clinicIds = {} as Record<ClinicKey, string>;
  for (const key of Object.keys(clinics) as ClinicKey[]) {
    clinicIds[key] = (await practice.clinics.create(owner, clinics[key], systemMeta)).id;
  }

  const resourceIds = new Map<string, string>();
  for (const resource of resources) {
    const created = await practice.resources.create(
      owner,
      { clinicId: clinicIds[resource.clinic], name: resource.name, kind: resource.kind, quantity: resource.quantity },
      systemMeta,
    );
    resourceIds.set(`${resource.clinic}:${resource.key}`, created.id);
  }

  const serviceIds = new Map<string, string>();
  for (const service of services) {
    const created = await practice.catalog.createService(
      owner,
      {
        name: service.name,
        category: service.category,
        description: service.description,
        durationMinutes: service.durationMinutes,
        bufferBeforeMinutes: service.bufferBeforeMinutes ?? 0,
        bufferAfterMinutes: service.bufferAfterMinutes ?? 0,
        priceCents: service.priceCents,
        currency: 'USD',
        cancellationFeeCents: service.cancellationFeeCents,
        noShowFeeCents: service.noShowFeeCents,
        mode: service.mode ?? 'in_person',
        bookableOnline: service.bookableOnline ?? true,
        requiresCardForOnlineBooking: service.requiresCardForOnlineBooking ?? false,
        clinicIds: service.clinics.map((clinic) => clinicIds[clinic]),
        resourceIds: service.clinics.flatMap((clinic) => service.needs.map((need) => resourceIds.get(`${clinic}:${need}`) ?? '')),
        providerIds: [],
      },
      systemMeta,
    );
    serviceIds.set(service.key, created.id);
  }
  const serviceId = (key: string) => serviceIds.get(key) ?? '';

  for (const bundle of packages) {
    await practice.catalog.createPackage(
      owner,
      {
        name: bundle.name,
        description: bundle.description,
        priceCents: bundle.priceCents,
        currency: 'USD',
        serviceIds: bundle.services.map(serviceId),
      },
      systemMeta,
    );
  }

  const staffByEmail = new Map((await identity.listStaff(owner)).map((member) => [member.email, member]));
  for (const spec of providers) {
    const member = staffByEmail.get(spec.email);
    if (!member) throw new Error(`demo staff member ${spec.email} is missing`);
    const worksAt = (Object.keys(spec.hours) as ClinicKey[]).map((clinic) => clinicIds[clinic]);
    const provider = await practice.providers.create(
      owner,
      {
        staffId: member.id,
        // Credentials live in the title: 'Sofia Ramirez, NP' shows as 'Sofia Ramirez' + 'NP'.
        displayName: member.displayName.replace(/,.*$/, ''),
        title: spec.title,
        virtualRoomUrl: spec.virtualRoom ?? null,
        clinicIds: worksAt,
        serviceIds: spec.services.map(serviceId),
      },
      systemMeta,
    );
    for (const [clinic, rules] of Object.entries(spec.hours) as [ClinicKey, ReturnType<typeof day>][]) {
      await practice.schedules.replaceRules(owner, provider.id, { clinicId: clinicIds[clinic], rules }, systemMeta);
    }
  }
}

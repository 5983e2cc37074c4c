import sharp from 'sharp';
import type { GlowdeskApp } from '../app.ts';
import type { PatientWithProfile, StaffActor } from '../platform/auth/access.ts';

/**
 * The EMR of the demo practice, through the same use cases the API calls: procedure types,
 * inventory lots (one of them expired, the filler counted in mL), signed toxin charts and a filler chart in mL on the past week's completed
 * toxin visits, so a lot's recall list has patients in it. Today's first toxin visit in
 * procedure has an unsigned chart open. The past week's first laser hair removal and IPL
 * visits have signed laser charts (the clinic's device, settings per area, a test spot and
 * numbing cream from a lot). IPL Photofacial requires the IPL consent (its consents section);
 * the IPL patient has signed it in the portal, so their chart could be signed. Two of the
 * charted patients have prescriptions: a tretinoin cream written on their chart, and
 * valacyclovir ahead of a laser treatment. The
 * practice requires a medical director's co-signature and the owner is its medical director:
 * the week's charts were signed before the owner took the role, most are co-signed, and the
 * last three wait in MD Review.
 */

const systemMeta = { ip: '127.0.0.1', requestId: 'seed-demo', userAgent: 'glowdesk seed-demo' };
/** Treatment areas with where they sit on the chart's face diagram (0 to 1 across and down; the patient's right on the left). */
const areas = [
  { area: 'Glabella', point: { x: 0.5, y: 0.33 } },
  { area: 'Crow’s feet (right)', point: { x: 0.2, y: 0.38 } },
  { area: 'Crow’s feet (left)', point: { x: 0.8, y: 0.38 } },
  { area: 'Nose', point: { x: 0.5, y: 0.43 } },
  { area: 'Jawline (right)', point: { x: 0.25, y: 0.66 } },
];

/** The demo's IPL consent (demo-paperwork.ts), which the IPL Photofacial type requires. */
const IPL_CONSENT = 'IPL photofacial consent';

/** A drawn signature as a signature pad gives it: a PNG data URL. */
async function signaturePng(): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="120"><path d="M24 84 C 60 20, 92 112, 132 62 S 204 28, 236 82 S 322 104, 362 52 S 428 72, 456 58" fill="none" stroke="#1f2937" stroke-width="4" stroke-linecap="round"/></svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** The chart's patient signs, in the portal, the consents its type requires that their visit asked for. */
async function signConsentsInPortal(
  app: GlowdeskApp,
  practiceId: string,
  chart: { patient: { id: string; firstName: string; lastName: string }; requiredConsents: { name: string }[] },
): Promise<void> {
  const patient: PatientWithProfile = {
    kind: 'patient',
    practiceId,
    patientId: chart.patient.id,
    signedInPatientId: chart.patient.id,
    sessionTokenHash: 'seed-demo',
    sessionExpiresAt: new Date(Date.now() + 3_600_000),
  };
  const required = new Set(chart.requiredConsents.map((consent) => consent.name));
  const paperwork = await app.services.patientPaperwork.listOwnPaperwork(patient, systemMeta);
  for (const consent of paperwork.consents.filter((item) => item.needsAction && required.has(item.name))) {
    await app.services.patientPaperwork.signOwnConsent(
      patient,
      consent.id,
      { signature: await signaturePng(), typedName: `${chart.patient.firstName} ${chart.patient.lastName}` },
      systemMeta,
    );
  }
}

export async function seedDemoEmr(app: GlowdeskApp, owner: StaffActor): Promise<void> {
  const { emr, appointments, practice } = app.services;
  const toxin = await emr.createProcedureType(
    owner,
    { name: 'Neurotoxin', sections: ['clinical_notes', 'injectables', 'photos'] },
    systemMeta,
  );
  const filler = await emr.createProcedureType(
    owner,
    { name: 'Dermal Filler', sections: ['clinical_notes', 'injectables', 'photos'] },
    systemMeta,
  );
  await emr.createProcedureType(owner, { name: 'Skin Treatment', sections: ['clinical_notes', 'photos'] }, systemMeta);
  const laserSections = ['clinical_notes', 'laser_settings', 'products_used', 'photos'] as const;
  const laserHairRemoval = await emr.createProcedureType(owner, { name: 'Laser Hair Removal', sections: [...laserSections] }, systemMeta);
  const iplConsent = (await app.services.paperwork.listTemplates(owner, { kind: 'consent' })).find(
    (template) => template.name === IPL_CONSENT,
  );
  if (!iplConsent) throw new Error(`the demo's paperwork has no "${IPL_CONSENT}"`);
  const photofacial = await emr.createProcedureType(
    owner,
    { name: 'IPL Photofacial', sections: [...laserSections, 'consents'], requiredConsentTemplateIds: [iplConsent.id] },
    systemMeta,
  );
  const now = new Date();
  const year = now.getUTCFullYear();
  const botox = await emr.createLot(
    owner,
    { productName: 'Botox Cosmetic 100U', lotNumber: 'C6512C3', expiresOn: `${year + 1}-08-31`, quantity: 400 },
    systemMeta,
  );
  const dysport = await emr.createLot(
    owner,
    { productName: 'Dysport 300U', lotNumber: 'DY-88431', expiresOn: `${year + 1}-03-31`, quantity: 900 },
    systemMeta,
  );
  const juvederm = await emr.createLot(
    owner,
    { productName: 'Juvéderm Ultra XC', lotNumber: 'JUV-20931', expiresOn: `${year + 1}-11-30`, unit: 'mL', quantity: 24 },
    systemMeta,
  );
  await emr.createLot(
    owner,
    { productName: 'Botox Cosmetic 100U', lotNumber: 'C5871A2', expiresOn: `${year - 1}-12-31`, quantity: 100 },
    systemMeta,
  );
  const numbingCream = await emr.createLot(
    owner,
    { productName: 'BLT numbing cream (30 g tube)', lotNumber: 'BLT-4410', expiresOn: `${year + 1}-05-31`, quantity: 40 },
    systemMeta,
  );

  const toxinServiceIds = new Set(
    (await practice.catalog.listServices(owner, {})).filter((service) => /Botox|Dysport/.test(service.name)).map((service) => service.id),
  );
  const isToxinVisit = (visit: { services: { serviceId: string }[] }) =>
    visit.services.some((service) => toxinServiceIds.has(service.serviceId));
  const week = await appointments.listAppointments(
    owner,
    { from: new Date(now.getTime() - 7 * 86_400_000), to: now, statuses: ['completed'] },
    systemMeta,
  );
  await app.services.practiceSettings.updatePracticeSettings(owner, { requireMdCosignature: true }, systemMeta);
  let charted = 0;
  const chartedVisits: { patientId: string; procedureId: string }[] = [];
  for (const visit of week.filter(isToxinVisit)) {
    if (charted >= 8 || !visit.patientId) break;
    const dysportVisit = visit.services.some((service) => /Dysport/.test(service.serviceName));
    const procedure = await emr.createProcedure(
      owner,
      { patientId: visit.patientId, procedureTypeId: toxin.id, appointmentId: visit.id },
      systemMeta,
    );
    const units = dysportVisit ? 50 : 20;
    await emr.updateProcedure(
      owner,
      procedure.id,
      {
        notes: {
          subjective: 'Wants softer frown lines before an event.',
          objective: 'Moderate dynamic glabellar lines; no ptosis.',
          assessment: 'Good candidate for neuromodulator.',
          plan: 'Treat today; review in 2 weeks.',
        },
        injectables: [
          { lotId: dysportVisit ? dysport.id : botox.id, units, ...(areas[charted % areas.length] ?? { area: 'Glabella' }) },
          { lotId: dysportVisit ? dysport.id : botox.id, units: units / 2, area: 'Forehead', point: { x: 0.5, y: 0.22 } },
        ],
      },
      systemMeta,
    );
    await emr.signProcedure(owner, procedure.id, systemMeta);
    chartedVisits.push({ patientId: visit.patientId, procedureId: procedure.id });
    charted += 1;
  }
  // The week's first filler visit is charted in mL from the Juvéderm lot (decision 043).
  const fillerServiceIds = new Set(
    (await practice.catalog.listServices(owner, {})).filter((service) => /^Dermal Filler/.test(service.name)).map((service) => service.id),
  );
  const fillerVisit = week.find((visit) => visit.patientId && visit.services.some((service) => fillerServiceIds.has(service.serviceId)));
  const fillerChartIds: string[] = [];
  if (fillerVisit?.patientId) {
    const procedure = await emr.createProcedure(
      owner,
      { patientId: fillerVisit.patientId, procedureTypeId: filler.id, appointmentId: fillerVisit.id },
      systemMeta,
    );
    await emr.updateProcedure(
      owner,
      procedure.id,
      {
        notes: {
          subjective: 'Wants fuller lips that still look natural.',
          objective: 'Thin upper lip; mild asymmetry of the vermilion border.',
          assessment: 'Good candidate for hyaluronic-acid filler.',
          plan: 'One syringe today; review in 2 weeks.',
        },
        injectables: [
          { lotId: juvederm.id, milliliters: 0.55, area: 'Lips', point: { x: 0.5, y: 0.62 } },
          { lotId: juvederm.id, milliliters: 0.3, area: 'Lips', point: { x: 0.44, y: 0.63 } },
          { lotId: juvederm.id, milliliters: 0.15, area: 'Marionette line (right)', point: { x: 0.38, y: 0.68 } },
        ],
      },
      systemMeta,
    );
    await emr.signProcedure(owner, procedure.id, systemMeta);
    fillerChartIds.push(procedure.id);
  }
  await seedDemoPrescriptions(app, owner, chartedVisits);
  await app.services.identity.updateStaff(owner, owner.staffId, { medicalDirector: true }, undefined, systemMeta);
  const cosigned = [...chartedVisits.slice(0, Math.max(0, chartedVisits.length - 3)).map((visit) => visit.procedureId), ...fillerChartIds];
  if (cosigned.length > 0) await emr.cosignProcedures(owner, cosigned, systemMeta);

  const laserCharts = [
    {
      service: /^Laser Hair Removal/,
      type: laserHairRemoval,
      device: /GentleMax/,
      skinType: 'III' as const,
      settings: [
        { area: 'Underarms', fluenceJoulesPerCm2: 18, spotSizeMm: 15, pulseWidthMs: 3, passes: 1, cooling: 'cryogen_spray' as const },
        { area: 'Bikini line', fluenceJoulesPerCm2: 16, spotSizeMm: 12, pulseWidthMs: 3, passes: 1, cooling: 'cryogen_spray' as const },
      ],
      testSpot: { done: true, site: 'Left underarm', reaction: 'Perifollicular edema at 10 minutes; no blistering.' },
      notes: 'Session 3 of 6. Hair noticeably sparser since last visit.',
    },
    {
      service: /^IPL Photofacial/,
      type: photofacial,
      device: /M22/,
      skinType: 'II' as const,
      settings: [
        { area: 'Cheeks', fluenceJoulesPerCm2: 14, spotSizeMm: 15, pulseWidthMs: 4, passes: 2, cooling: 'contact' as const },
        { area: 'Nose', fluenceJoulesPerCm2: 13, spotSizeMm: 8, pulseWidthMs: 4, passes: 1, cooling: 'contact' as const },
      ],
      testSpot: { done: true, site: 'Right jawline', reaction: 'Mild erythema, settled within the hour.' },
      notes: 'Sun spots and redness on the cheeks; no tan in the past four weeks.',
    },
  ];
  const services = await practice.catalog.listServices(owner, {});
  for (const chart of laserCharts) {
    const serviceIds = new Set(services.filter((service) => chart.service.test(service.name)).map((service) => service.id));
    const visit = week.find((candidate) => candidate.patientId && candidate.services.some((service) => serviceIds.has(service.serviceId)));
    if (!visit?.patientId) continue;
    const devices = await practice.resources.list(owner, { clinicId: visit.clinicId, kind: 'equipment' });
    const device = devices.find((candidate) => chart.device.test(candidate.name));
    const procedure = await emr.createProcedure(
      owner,
      { patientId: visit.patientId, procedureTypeId: chart.type.id, appointmentId: visit.id },
      systemMeta,
    );
    const testSpotDay = new Date(visit.startsAt.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
    await emr.updateProcedure(
      owner,
      procedure.id,
      {
        notes: {
          subjective: chart.notes,
          objective: '',
          assessment: 'Suitable for treatment at these settings.',
          plan: 'Next session in 4 weeks.',
        },
        laser: {
          deviceId: device?.id ?? null,
          skinType: chart.skinType,
          settings: chart.settings,
          testSpot: { ...chart.testSpot, performedOn: testSpotDay },
        },
        productsUsed: [
          { productName: numbingCream.productName, quantity: 1, unit: 'tube', lotId: numbingCream.id },
          { productName: 'Aloe vera post-care gel', quantity: 5, unit: 'mL', lotId: null },
        ],
      },
      systemMeta,
    );
    if (procedure.requiredConsents.length > 0) await signConsentsInPortal(app, owner.practiceId, procedure);
    await emr.signProcedure(owner, procedure.id, systemMeta);
  }

  const today = await appointments.listAppointments(
    owner,
    { from: new Date(now.getTime() - 12 * 3_600_000), to: now, statuses: ['checked_in'] },
    systemMeta,
  );
  const arrived = today.find(isToxinVisit);
  if (arrived?.patientId) {
    await appointments.transition(owner, arrived.id, 'startProcedure', systemMeta);
    const open = await emr.createProcedure(
      owner,
      { patientId: arrived.patientId, procedureTypeId: toxin.id, appointmentId: arrived.id },
      systemMeta,
    );
    await emr.updateProcedure(
      owner,
      open.id,
      { notes: { subjective: 'Returning for maintenance.', objective: '', assessment: '', plan: '' } },
      systemMeta,
    );
  }
}

async function seedDemoPrescriptions(
  app: GlowdeskApp,
  owner: StaffActor,
  chartedVisits: { patientId: string; procedureId: string }[],
): Promise<void> {
  const { emr } = app.services;
  const [first, second] = chartedVisits;
  if (first) {
    await emr.recordPrescription(
      owner,
      first.patientId,
      {
        drug: 'Tretinoin cream',
        strength: '0.025%',
        directions: 'Apply a pea-sized amount to the whole face at night; start every other night.',
        quantity: 1,
        refills: 2,
        procedureId: first.procedureId,
      },
      systemMeta,
    );
  }
  const secondPatientId = second?.patientId ?? first?.patientId;
  if (secondPatientId) {
    await emr.recordPrescription(
      owner,
      secondPatientId,
      {
        drug: 'Valacyclovir',
        strength: '500 mg tablet',
        directions: 'Take 1 tablet by mouth twice daily, starting the day before the laser treatment, for 5 days.',
        quantity: 10,
        refills: 0,
      },
      systemMeta,
    );
  }
}

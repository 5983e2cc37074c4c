import type { GlowdeskApp } from '../app.ts';
import type { StaffActor } from '../platform/auth/access.ts';

/**
 * The EMR of the demo practice, through the same use cases the API calls: procedure types,
 * inventory lots (one of them expired), and signed toxin charts on the past week's completed
 * toxin visits, so a lot's recall list has patients in it. Today's first toxin visit in
 * procedure has an unsigned chart open.
 */

const systemMeta = { ip: '127.0.0.1', requestId: 'seed-demo', userAgent: 'glowdesk seed-demo' };
const areas = ['Glabella', 'Forehead', "Crow's feet", 'Bunny lines', 'Masseter'];

export async function seedDemoEmr(app: GlowdeskApp, owner: StaffActor): Promise<void> {
  const { emr, appointments, practice } = app.services;
  const toxin = await emr.createProcedureType(owner, { name: 'Neurotoxin', sections: ['clinical_notes', 'injectables'] }, systemMeta);
  await emr.createProcedureType(owner, { name: 'Dermal Filler', sections: ['clinical_notes', 'injectables'] }, systemMeta);
  await emr.createProcedureType(owner, { name: 'Skin Treatment', sections: ['clinical_notes'] }, systemMeta);
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
  await emr.createLot(
    owner,
    { productName: 'Juvéderm Ultra XC (1 ml syringe)', lotNumber: 'JUV-20931', expiresOn: `${year + 1}-11-30`, quantity: 24 },
    systemMeta,
  );
  await emr.createLot(
    owner,
    { productName: 'Botox Cosmetic 100U', lotNumber: 'C5871A2', expiresOn: `${year - 1}-12-31`, quantity: 100 },
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
  let charted = 0;
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
          { lotId: dysportVisit ? dysport.id : botox.id, units, area: areas[charted % areas.length] ?? 'Glabella' },
          { lotId: dysportVisit ? dysport.id : botox.id, units: units / 2, area: 'Forehead' },
        ],
      },
      systemMeta,
    );
    await emr.signProcedure(owner, procedure.id, systemMeta);
    charted += 1;
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

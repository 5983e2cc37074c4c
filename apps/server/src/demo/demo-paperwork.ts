import { createPaperworkTemplateRequestSchema, type CreatePaperworkTemplateRequest } from '@glowdesk/contracts';
import type { GlowdeskApp } from '../app.ts';
import type { StaffActor } from '../platform/auth/access.ts';

/**
 * The demo's forms: consents for neurotoxin and IPL, a medical-history questionnaire and pre-treatment instructions,
 * each attached to the services that forward it. Loaded before the visits are booked, so
 * booking assigns them and the book shows "paperwork outstanding" on those visits.
 */

const systemMeta = { ip: '127.0.0.1', requestId: 'seed-demo', userAgent: 'glowdesk seed-demo' };

const forms: { template: CreatePaperworkTemplateRequest; serviceNames: RegExp }[] = [
  {
    template: {
      kind: 'consent',
      name: 'Neurotoxin consent',
      body: 'I understand the risks of botulinum toxin injections, including bruising, headache, asymmetry and, rarely, a drooping eyelid. Results last three to four months.',
      requiresSignature: true,
    },
    serviceNames: /^(Botox|Dysport)/,
  },
  {
    template: {
      kind: 'consent',
      name: 'IPL photofacial consent',
      body: 'I understand that intense pulsed light can cause redness, swelling, blistering and, rarely, lighter or darker patches of skin. I have not tanned in the past four weeks and will protect my skin from the sun after treatment.',
      requiresSignature: true,
    },
    serviceNames: /^IPL Photofacial/,
  },
  {
    template: {
      kind: 'questionnaire',
      name: 'Medical history',
      questions: [
        { label: 'Are you pregnant or breastfeeding?', type: 'yes_no', required: true },
        { label: 'Do you have any allergies (including to lidocaine)?', type: 'long_text' },
        { label: 'List your current medications and supplements', type: 'long_text' },
      ],
    },
    serviceNames: /^(Aesthetic Consultation|Dermal Filler)/,
  },
  {
    template: {
      kind: 'instructions',
      name: 'Before your laser treatment',
      body: '**Avoid the sun** for two weeks before your visit.\n\n- Shave the area the day before\n- No self-tanner or retinoids for a week',
    },
    serviceNames: /^Laser Hair Removal/,
  },
];

export async function seedDemoPaperwork(app: GlowdeskApp, owner: StaffActor): Promise<void> {
  const { paperwork, practice } = app.services;
  const services = await practice.catalog.listServices(owner, { active: true });
  const formsByService = new Map<string, string[]>();
  for (const form of forms) {
    const created = await paperwork.createTemplate(owner, createPaperworkTemplateRequestSchema.parse(form.template), systemMeta);
    for (const service of services.filter((candidate) => form.serviceNames.test(candidate.name))) {
      formsByService.set(service.id, [...(formsByService.get(service.id) ?? []), created.template.id]);
    }
  }
  for (const [serviceId, templateIds] of formsByService) {
    await paperwork.replaceServicePaperwork(owner, serviceId, templateIds, systemMeta);
  }
}

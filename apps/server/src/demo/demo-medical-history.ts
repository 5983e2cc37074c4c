import type { MedicalHistoryContent } from '@glowdesk/contracts';
import type { GlowdeskApp } from '../app.ts';
import type { StaffActor } from '../platform/auth/access.ts';

/**
 * Medical histories in the demo practice, through the same use cases the API calls: the
 * patient of today's open chart (so its header shows the allergies) and the first clients of
 * the directory have one kept by staff; one of them has since changed theirs in the portal,
 * and the change waits for review in the EMR.
 */

const systemMeta = { ip: '127.0.0.1', requestId: 'seed-demo', userAgent: 'glowdesk seed-demo' };

const histories: MedicalHistoryContent[] = [
  {
    allergies: [
      { substance: 'Lidocaine', reaction: 'Hives', severity: 'moderate' },
      { substance: 'Latex', reaction: null, severity: 'mild' },
    ],
    medications: [{ name: 'Sertraline', dose: '50 mg', frequency: 'Once daily' }],
    conditions: ['Rosacea'],
    previousTreatments: [{ treatment: 'Botox (glabella)', when: '2025-09', notes: 'No adverse reaction.' }],
    pregnancy: { status: 'not_pregnant', dueDate: null },
    notes: 'Prefers topical numbing before injections.',
  },
  {
    allergies: [{ substance: 'Penicillin', reaction: 'Anaphylaxis', severity: 'severe' }],
    medications: [],
    conditions: ['Cold sores (HSV-1)'],
    previousTreatments: [{ treatment: 'Juvéderm lips', when: '2024', notes: null }],
    pregnancy: { status: 'not_pregnant', dueDate: null },
    notes: null,
  },
  {
    allergies: [],
    medications: [{ name: 'Levothyroxine', dose: '75 mcg', frequency: 'Every morning' }],
    conditions: ['Hypothyroidism'],
    previousTreatments: [],
    pregnancy: { status: 'not_applicable', dueDate: null },
    notes: null,
  },
  {
    allergies: [{ substance: 'Hyaluronidase', reaction: 'Swelling', severity: 'moderate' }],
    medications: [],
    conditions: [],
    previousTreatments: [{ treatment: 'Chemical peel', when: '2025-04-12', notes: 'Mild redness for two days.' }],
    pregnancy: { status: 'unknown', dueDate: null },
    notes: null,
  },
];

export async function seedDemoMedicalHistory(app: GlowdeskApp, owner: StaffActor): Promise<void> {
  const { medicalHistory, patients, appointments } = app.services;
  const now = new Date();
  const inProcedure = await appointments.listAppointments(
    owner,
    { from: new Date(now.getTime() - 12 * 3_600_000), to: now, statuses: ['in_procedure'] },
    systemMeta,
  );
  const { items } = await patients.searchPatients(owner, { limit: 4 }, systemMeta);
  const patientIds = [
    ...new Set([...inProcedure.flatMap((visit) => (visit.patientId ? [visit.patientId] : [])), ...items.map((item) => item.id)]),
  ];
  for (const [index, patientId] of patientIds.slice(0, histories.length).entries()) {
    const content = histories[index];
    if (content) await medicalHistory.save(owner, patientId, content, 0, systemMeta);
  }

  // The second patient told the clinic in the portal that they started a medication and are now breastfeeding.
  const changedBy = patientIds[1];
  const before = histories[1];
  if (changedBy && before) {
    const patient = {
      kind: 'patient' as const,
      practiceId: owner.practiceId,
      patientId: changedBy,
      signedInPatientId: changedBy,
      sessionTokenHash: 'seed-demo',
      sessionExpiresAt: new Date(now.getTime() + 3_600_000),
    };
    await medicalHistory.saveOwn(
      patient,
      {
        ...before,
        medications: [{ name: 'Valacyclovir', dose: '500 mg', frequency: 'Twice daily during outbreaks' }],
        pregnancy: { status: 'breastfeeding', dueDate: null },
      },
      1,
      systemMeta,
    );
  }
}

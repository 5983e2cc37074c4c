import { z } from 'zod';
import { idSchema } from './common.ts';

const personSchema = z.object({
  id: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

const staffNameSchema = z.object({ id: idSchema, displayName: z.string() });

/** A client's access to another client's profile in the portal, granted (and maybe revoked) by staff. */
export const guardianGrantSchema = z.object({
  id: idSchema,
  /** Who may open the profile. */
  guardian: personSchema,
  /** Whose profile it is. */
  dependant: personSchema,
  grantedAt: z.string(),
  grantedBy: staffNameSchema,
  revokedAt: z.string().nullable(),
  revokedBy: staffNameSchema.nullable(),
});
export type GuardianGrant = z.infer<typeof guardianGrantSchema>;

/** `GET /api/v1/patients/:patientId/guardians`: who may open this profile, and whose profiles this client may open. */
export const patientGuardiansSchema = z.object({
  /** Grants on this client's profile, live first, newest first (revoked ones stay as history). */
  guardians: z.array(guardianGrantSchema),
  /** Live grants that let this client open other profiles. */
  dependants: z.array(guardianGrantSchema),
});
export type PatientGuardians = z.infer<typeof patientGuardiansSchema>;

export const grantGuardianSchema = z.strictObject({ guardianPatientId: idSchema });
export type GrantGuardian = z.infer<typeof grantGuardianSchema>;

export const guardianGrantParamsSchema = z.strictObject({ patientId: idSchema, grantId: idSchema });

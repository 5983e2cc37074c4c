import { z } from 'zod';
import { emailSchema, idSchema } from './common.ts';

export const staffRoleSchema = z.enum(['owner', 'admin', 'provider', 'front_desk']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const staffRoleLabels: Record<StaffRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  provider: 'Provider',
  front_desk: 'Front desk',
};

export const passwordSchema = z
  .string()
  .min(10, { message: 'Use at least 10 characters.' })
  .max(200, { message: 'Use at most 200 characters.' });

export const displayNameSchema = z.string().trim().min(1, { message: 'Enter a name.' }).max(120);

export const staffMemberSchema = z.object({
  id: idSchema,
  email: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  active: z.boolean(),
  /** Co-signs providers' charts when the practice requires it; never a front desk account. */
  medicalDirector: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const createStaffRequestSchema = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  role: staffRoleSchema,
  password: passwordSchema,
});
export type CreateStaffRequest = z.input<typeof createStaffRequestSchema>;

export const updateStaffRequestSchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    role: staffRoleSchema.optional(),
    active: z.boolean().optional(),
    medicalDirector: z.boolean().optional(),
  })
  .refine((update) => Object.keys(update).length > 0, { message: 'Send at least one field to change.' });
export type UpdateStaffRequest = z.input<typeof updateStaffRequestSchema>;

export const staffListSchema = z.object({ items: z.array(staffMemberSchema) });

import { z } from 'zod';
import { staffRoleSchema } from './staff.ts';

export const loginRequestSchema = z.strictObject({
  email: z.string().trim().min(1, { message: 'Enter your email.' }).max(254),
  password: z.string().min(1, { message: 'Enter your password.' }).max(200),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

export const meSchema = z.object({
  staff: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: staffRoleSchema,
    /** Reviews and co-signs charts in MD Review (decision 042). */
    medicalDirector: z.boolean(),
  }),
  practice: z.object({
    id: z.string(),
    name: z.string(),
    timezone: z.string(),
  }),
  session: z.object({
    idleTimeoutMinutes: z.number().int(),
    expiresAt: z.string(),
  }),
});
export type Me = z.infer<typeof meSchema>;

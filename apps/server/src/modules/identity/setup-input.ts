import { displayNameSchema, emailSchema, passwordSchema } from '@glowdesk/contracts';
import { z } from 'zod';
import { isValidTimeZone } from '../../platform/time-zones.ts';

/** What the create-owner CLI accepts: the same rules as the API. */
export const createPracticeWithOwnerInput = z.strictObject({
  practiceName: z.string().trim().min(1).max(200),
  timezone: z.string().refine(isValidTimeZone, { message: 'Must be an IANA time zone such as America/New_York.' }),
  ownerEmail: emailSchema,
  ownerName: displayNameSchema,
  password: passwordSchema,
});

import { loginRequestSchema, meSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaffRoles } from '../../platform/auth/roles.ts';
import { requireStaff } from '../../platform/auth/access.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { IdentityService } from './identity-service.ts';

export const SESSION_COOKIE = 'glowdesk_session';

export interface AuthRoutesOptions {
  identity: IdentityService;
  secureCookies: boolean;
  sessionIdleMinutes: number;
}

const signedInSchema = z.object({
  staff: z.object({ id: z.string(), email: z.string(), displayName: z.string(), role: z.string(), medicalDirector: z.boolean() }),
  practice: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  expiresAt: z.string(),
});

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { identity, secureCookies, sessionIdleMinutes }) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: loginRequestSchema,
        response: { 200: signedInSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await identity.signIn(request.body, requestMetaOf(request));
      reply.setCookie(SESSION_COOKIE, signedIn.token, {
        httpOnly: true,
        secure: secureCookies,
        sameSite: 'strict',
        path: '/',
        expires: signedIn.expiresAt,
      });
      return {
        staff: {
          id: signedIn.staff.id,
          email: signedIn.staff.email,
          displayName: signedIn.staff.displayName,
          role: signedIn.staff.role,
          medicalDirector: signedIn.staff.medicalDirector,
        },
        practice: signedIn.practice,
        expiresAt: signedIn.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: { staff: allStaffRoles } }, schema: { tags: ['auth'], summary: 'End the current session' } },
    async (request, reply) => {
      await identity.signOut(requireStaff(request), requestMetaOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { access: { staff: allStaffRoles } },
      schema: { tags: ['auth'], summary: 'The signed-in staff member and practice', response: { 200: meSchema } },
    },
    async (request) => {
      const actor = requireStaff(request);
      const { practice, expiresAt, medicalDirector } = await identity.describeSession(actor);
      return {
        staff: { id: actor.staffId, email: actor.email, displayName: actor.displayName, role: actor.role, medicalDirector },
        practice,
        session: { idleTimeoutMinutes: sessionIdleMinutes, expiresAt: expiresAt.toISOString() },
      };
    },
  );
};

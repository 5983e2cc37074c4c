import { createHash, randomBytes } from 'node:crypto';
import type { PatientActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor, Transaction } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as sessions from './patient-session-repository.ts';
import type { SignInChannel } from './portal-tables.ts';
import type { PortalSettings } from './portal-settings.ts';

export const PATIENT_SESSION_COOKIE = 'glowdesk_patient_session';

const SESSION_TOUCH_INTERVAL_MS = 60_000;

export function hashPatientSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newPatientSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface NewPatientSession {
  token: string;
  expiresAt: Date;
}

/** What sessions ask of guardian grants (the guardians module answers). */
export interface GuardianGrantCheck {
  hasLiveGrant(executor: Executor, practiceId: string, guardianId: string, dependantId: string): Promise<boolean>;
}

/** Patient portal sessions: their own table, cookie and timeouts, apart from staff sessions. */
export function createPatientSessions(options: {
  database: Database;
  clock: Clock;
  settings: PortalSettings;
  guardians: GuardianGrantCheck;
}) {
  const { database, clock, settings, guardians } = options;
  // Activity is written at most once per SESSION_TOUCH_INTERVAL_MS, so the last request can be
  // up to that much later than last_seen_at: the cut-off allows it, and a session never idles
  // out before the idle timeout has passed since its last request.
  const idleCutoffMs = settings.portalSessionIdleMinutes * 60_000 + SESSION_TOUCH_INTERVAL_MS;
  const absoluteMs = settings.portalSessionAbsoluteHours * 3_600_000;

  return {
    /** When a session that opens a profile now ends at the latest. */
    absoluteExpiryFrom(now: Date): Date {
      return new Date(now.getTime() + absoluteMs);
    },

    /** Starts a session in the caller's transaction; `patientId` null waits for identify. */
    async startSessionWithin(
      tx: Transaction,
      session: { practiceId: string; patientId: string | null; channel: SignInChannel; contact: string; expiresAt: Date },
      meta: RequestMeta,
    ): Promise<NewPatientSession> {
      const token = newPatientSessionToken();
      await sessions.insertPatientSession(tx, {
        ...session,
        tokenHash: hashPatientSessionToken(token),
        now: clock.now(),
        ip: meta.ip,
        userAgent: meta.userAgent ?? null,
      });
      return { token, expiresAt: session.expiresAt };
    },

    /**
     * The patient behind a portal session token, refreshing its idle timer; undefined when the
     * session is gone, expired or idle too long. Runs before the practice is known, as single
     * statements outside a transaction (like the staff session's resolution). A session
     * switched to a dependant's profile reads it only while the grant is live: once revoked,
     * the session goes back to the patient's own profile and this request is refused.
     */
    async resolvePatientSession(token: string): Promise<PatientActor | undefined> {
      const now = clock.now();
      const tokenHash = hashPatientSessionToken(token);
      const session = await sessions.findLivePatientSession(database.db, tokenHash, now, new Date(now.getTime() - idleCutoffMs));
      if (!session) return undefined;
      if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
        await sessions.touchPatientSession(database.db, tokenHash, now);
      }
      const actor: PatientActor = {
        kind: 'patient',
        practiceId: session.practiceId,
        patientId: session.patientId,
        signedInPatientId: session.patientId,
        sessionTokenHash: tokenHash,
        sessionExpiresAt: session.expiresAt,
      };
      const { activePatientId, patientId } = session;
      if (activePatientId === null || patientId === null || activePatientId === patientId) return actor;
      if (await guardians.hasLiveGrant(database.db, session.practiceId, patientId, activePatientId)) {
        return { ...actor, patientId: activePatientId };
      }
      await sessions.leaveEndedProfile(database.db, tokenHash, activePatientId);
      return { ...actor, profileAccessEnded: true };
    },

    /** How many of the patient's portal sessions are open now (neither expired nor idle). */
    async countLiveSessionsWithin(tx: Transaction, practiceId: string, patientId: string): Promise<number> {
      const now = clock.now();
      return sessions.countLivePatientSessions(tx, practiceId, patientId, now, new Date(now.getTime() - idleCutoffMs));
    },

    async signOut(actor: PatientActor, meta: RequestMeta): Promise<void> {
      await inPractice(database, actor.practiceId, async (tx) => {
        await sessions.deletePatientSession(tx, actor.sessionTokenHash);
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actorType: actor.signedInPatientId ? 'patient' : 'anonymous',
          actorId: actor.signedInPatientId,
          action: 'portal.logout',
          ip: meta.ip,
          requestId: meta.requestId,
        });
      });
    },
  };
}

export type PatientSessions = ReturnType<typeof createPatientSessions>;

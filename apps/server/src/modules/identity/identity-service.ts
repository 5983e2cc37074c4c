import { createHash, randomBytes } from 'node:crypto';
import type { StaffActor, UnconfirmedSession } from '../../platform/auth/access.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { constraintOf, runRead, sqlStateOf, type Database, type Read } from '../../platform/database.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
} from '../../platform/errors.ts';
import { isMedicalDirectorWithin } from './medical-directors.ts';
import { asPlatform, inPractice } from '../../platform/tenancy.ts';
import * as sessions from './session-repository.ts';
import * as staffRepository from './staff-repository.ts';
import type { PracticeRecord, StaffRecord } from './staff-repository.ts';

export interface IdentitySettings {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginFailureWindowMinutes: number;
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  staff: StaffRecord;
  practice: PracticeRecord;
}

const SESSION_TOUCH_INTERVAL_MS = 60_000;
/** Sessions this process remembers (decision 013); the oldest is forgotten first. */
const REMEMBERED_SESSIONS_MAX = 10_000;

interface RememberedSession {
  actor: StaffActor;
  lastSeenAt: number;
  expiresAt: number;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createIdentityService(database: Database, clock: Clock, settings: IdentitySettings) {
  // A session's activity is written at most once per SESSION_TOUCH_INTERVAL_MS, so its last
  // request can be up to that much later than the last_seen_at on record. It idles out that
  // much later too: a session never ends before the idle timeout has passed since its last
  // request (and at most a touch interval after), however its requests fell between touches.
  const idleCutoffMs = settings.sessionIdleMinutes * 60_000 + SESSION_TOUCH_INTERVAL_MS;
  const windowMs = settings.loginFailureWindowMinutes * 60_000;
  // Sessions resolved here lately, by token hash, for routes that confirm a session inside
  // their own transaction instead of looking it up first (decision 013). Never trusted alone.
  const remembered = new Map<string, RememberedSession>();

  function remember(tokenHash: string, entry: RememberedSession): void {
    remembered.delete(tokenHash);
    if (remembered.size >= REMEMBERED_SESSIONS_MAX) {
      const oldest = remembered.keys().next();
      if (!oldest.done) remembered.delete(oldest.value);
    }
    remembered.set(tokenHash, entry);
  }

  function forgetSessionsOf(practiceId: string, staffId: string): void {
    for (const [tokenHash, { actor }] of remembered) {
      if (actor.practiceId === practiceId && actor.staffId === staffId) remembered.delete(tokenHash);
    }
  }

  /**
   * The remembered actor behind a token, with what the database must still confirm; undefined
   * when none is remembered or the session would need the database now (its idle timer is due
   * to be refreshed, or it has expired or idled out by what is remembered of it).
   */
  function recall(tokenHash: string, now: Date): StaffActor | undefined {
    const entry = remembered.get(tokenHash);
    if (!entry) return undefined;
    const at = now.getTime();
    if (at >= entry.expiresAt || at - entry.lastSeenAt > SESSION_TOUCH_INTERVAL_MS) return undefined;
    const { actor } = entry;
    const unconfirmedSession: UnconfirmedSession = {
      tokenHash,
      practiceId: actor.practiceId,
      staffId: actor.staffId,
      role: actor.role,
      now,
      idleSince: new Date(at - idleCutoffMs),
      checked: false,
    };
    return { ...actor, unconfirmedSession };
  }

  function failureWindow(now: Date): { start: Date; end: Date } {
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    return { start: new Date(start), end: new Date(start + windowMs) };
  }

  async function recordSignInFailure(email: string, meta: RequestMeta, practiceId: string | null, reason: string): Promise<void> {
    await asPlatform(database, (tx) =>
      recordAudit(tx, {
        practiceId,
        actorType: 'anonymous',
        actorLabel: email,
        action: 'auth.login',
        outcome: 'failure',
        ip: meta.ip,
        requestId: meta.requestId,
        details: { reason },
      }),
    );
  }

  return {
    /** Creates a practice and its first owner (setup CLI and demo data). */
    async createPracticeWithOwner(input: {
      practiceName: string;
      timezone: string;
      ownerEmail: string;
      ownerName: string;
      password: string;
    }) {
      const passwordHash = await hashPassword(input.password);
      try {
        return await asPlatform(database, async (tx) => {
          const practice = await staffRepository.insertPractice(tx, { name: input.practiceName, timezone: input.timezone });
          const owner = await staffRepository.insertStaff(tx, {
            practiceId: practice.id,
            email: input.ownerEmail.toLowerCase(),
            displayName: input.ownerName,
            role: 'owner',
            passwordHash,
          });
          await recordAudit(tx, {
            practiceId: practice.id,
            actorType: 'system',
            action: 'practice.create',
            objectType: 'practice',
            objectId: practice.id,
            details: { name: practice.name, ownerEmail: owner.email },
          });
          return { practice, owner };
        });
      } catch (error) {
        throw mapStaffWriteError(error);
      }
    },

    async countPractices(): Promise<number> {
      return asPlatform(database, (tx) => staffRepository.countPractices(tx));
    },

    async signIn(input: { email: string; password: string }, meta: RequestMeta): Promise<SignedIn> {
      const email = input.email.trim().toLowerCase();
      const now = clock.now();
      const window = failureWindow(now);
      // Every attempt counts as a failure until its password proves right: counted first, in
      // one statement, so parallel guesses cannot all pass a check made before any of them
      // failed. An attempt refused unchecked, or that succeeds, is taken back.
      const buckets = [`account:${email}`, `ip:${meta.ip}`];
      const counts = await asPlatform(database, (tx) => sessions.countSignInAttempt(tx, buckets, window.start));
      if (
        (counts.get(`account:${email}`) ?? 0) > settings.loginMaxFailuresPerAccount ||
        (counts.get(`ip:${meta.ip}`) ?? 0) > settings.loginMaxFailuresPerIp
      ) {
        const retryAfterSeconds = Math.max(1, Math.ceil((window.end.getTime() - now.getTime()) / 1000));
        await asPlatform(database, async (tx) => {
          await sessions.withdrawSignInAttempt(tx, buckets, window.start);
          await recordAudit(tx, {
            practiceId: null,
            actorType: 'anonymous',
            actorLabel: email,
            action: 'auth.login',
            outcome: 'failure',
            ip: meta.ip,
            requestId: meta.requestId,
            details: { reason: 'throttled' },
          });
        });
        throw new TooManyRequestsError(
          `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
          retryAfterSeconds,
        );
      }

      const candidate = await asPlatform(database, (tx) => staffRepository.findStaffForSignIn(tx, email));
      const passwordMatches = await verifyPassword(candidate?.passwordHash ?? (await decoyPasswordHash()), input.password);
      if (!candidate || !passwordMatches || !candidate.active) {
        const reason = !candidate ? 'unknown_email' : !passwordMatches ? 'wrong_password' : 'deactivated';
        await recordSignInFailure(email, meta, candidate?.practiceId ?? null, reason);
        throw new UnauthenticatedError('The email or password is incorrect.', 'invalid_credentials');
      }

      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + settings.sessionAbsoluteHours * 3_600_000);
      await asPlatform(database, (tx) => sessions.withdrawSignInAttempt(tx, buckets, window.start));
      const practice = await inPractice(database, candidate.practiceId, async (tx) => {
        await sessions.insertSession(tx, {
          tokenHash: hashSessionToken(token),
          practiceId: candidate.practiceId,
          staffId: candidate.id,
          now,
          expiresAt,
          ip: meta.ip,
          userAgent: meta.userAgent ?? null,
        });
        await recordAudit(tx, {
          practiceId: candidate.practiceId,
          actorType: 'staff',
          actorId: candidate.id,
          actorLabel: candidate.email,
          action: 'auth.login',
          ip: meta.ip,
          requestId: meta.requestId,
        });
        const found = await staffRepository.findPractice(tx, candidate.practiceId);
        if (!found) throw new NotFoundError('Practice');
        return found;
      });
      const { passwordHash: _passwordHash, ...staffMember } = candidate;
      return { token, expiresAt, staff: staffMember, practice };
    },

    /**
     * The actor behind a session token, refreshing its idle timer; undefined when the session
     * is gone. It runs on every request, so as single autocommitted statements outside any
     * transaction (as the owning role, like asPlatform): the read and the touch need no
     * atomicity, and a transaction would add two round trips to each request.
     */
    async resolveSession(token: string, options: { mayRemember?: boolean } = {}): Promise<StaffActor | undefined> {
      const now = clock.now();
      const tokenHash = hashSessionToken(token);
      if (options.mayRemember) {
        const recalled = recall(tokenHash, now);
        if (recalled) return recalled;
      }
      const session = await sessions.findLiveSession(database.db, tokenHash, now, new Date(now.getTime() - idleCutoffMs));
      if (!session) {
        remembered.delete(tokenHash);
        return undefined;
      }
      let lastSeenAt = session.lastSeenAt.getTime();
      if (now.getTime() - lastSeenAt > SESSION_TOUCH_INTERVAL_MS) {
        await sessions.touchSession(database.db, tokenHash, now);
        lastSeenAt = now.getTime();
      }
      const actor: StaffActor = {
        kind: 'staff' as const,
        staffId: session.staffId,
        practiceId: session.practiceId,
        role: session.role,
        email: session.email,
        displayName: session.displayName,
        sessionTokenHash: tokenHash,
      };
      remember(tokenHash, { actor, lastSeenAt, expiresAt: session.expiresAt.getTime() });
      return actor;
    },

    /**
     * For a transaction that travels with its session's confirmation: a read that fails the
     * transaction with a 401 when the session taken from memory no longer stands (signed out,
     * expired, the staff member deactivated or given another role). Undefined when the actor's
     * session needs no confirming.
     */
    sessionConfirmationRead(actor: StaffActor): Read<void> | undefined {
      const session = actor.unconfirmedSession;
      if (!session || session.checked) return undefined;
      const read = sessions.sessionStillLiveRead(session);
      return {
        ...read,
        decode(rows) {
          session.checked = true;
          if (read.decode(rows)) return;
          remembered.delete(session.tokenHash);
          throw new UnauthenticatedError();
        },
      };
    },

    /** Confirms a session taken from memory on its own (what a route left unconfirmed). */
    async confirmSession(session: UnconfirmedSession): Promise<boolean> {
      const live = await runRead(database.db, sessions.sessionStillLiveRead(session));
      if (!live) remembered.delete(session.tokenHash);
      return live;
    },

    async signOut(actor: StaffActor, meta: RequestMeta): Promise<void> {
      remembered.delete(actor.sessionTokenHash);
      await inPractice(database, actor.practiceId, async (tx) => {
        await sessions.deleteSession(tx, actor.sessionTokenHash);
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actorType: 'staff',
          actorId: actor.staffId,
          actorLabel: actor.email,
          action: 'auth.logout',
          ip: meta.ip,
          requestId: meta.requestId,
        });
      });
    },

    async describeSession(actor: StaffActor) {
      const now = clock.now();
      return inPractice(database, actor.practiceId, async (tx) => {
        const practice = await staffRepository.findPractice(tx, actor.practiceId);
        if (!practice) throw new NotFoundError('Practice');
        const session = await sessions.findLiveSession(tx, actor.sessionTokenHash, now, new Date(now.getTime() - idleCutoffMs));
        const medicalDirector = await isMedicalDirectorWithin(tx, actor.practiceId, actor.staffId);
        return { practice, expiresAt: session?.expiresAt ?? now, medicalDirector };
      });
    },

    async listStaff(actor: StaffActor): Promise<StaffRecord[]> {
      return inPractice(database, actor.practiceId, (tx) => staffRepository.listStaff(tx, actor.practiceId));
    },

    async findStaff(actor: StaffActor, staffId: string): Promise<StaffRecord> {
      const member = await inPractice(database, actor.practiceId, (tx) => staffRepository.findStaff(tx, actor.practiceId, staffId));
      if (!member) throw new NotFoundError('Staff member', 'staffId');
      return member;
    },

    async createStaff(
      actor: StaffActor,
      input: { email: string; displayName: string; role: StaffRole; password: string },
      meta: RequestMeta,
    ): Promise<StaffRecord> {
      assertMayAssignRole(actor, input.role);
      const passwordHash = await hashPassword(input.password);
      try {
        return await inPractice(database, actor.practiceId, async (tx) => {
          const member = await staffRepository.insertStaff(tx, {
            practiceId: actor.practiceId,
            email: input.email.toLowerCase(),
            displayName: input.displayName,
            role: input.role,
            passwordHash,
          });
          await recordAudit(tx, {
            practiceId: actor.practiceId,
            actorType: 'staff',
            actorId: actor.staffId,
            actorLabel: actor.email,
            action: 'staff.create',
            objectType: 'staff',
            objectId: member.id,
            ip: meta.ip,
            requestId: meta.requestId,
            details: { email: member.email, role: member.role },
          });
          return member;
        });
      } catch (error) {
        throw mapStaffWriteError(error);
      }
    },

    async updateStaff(
      actor: StaffActor,
      staffId: string,
      changes: {
        displayName?: string | undefined;
        role?: StaffRole | undefined;
        active?: boolean | undefined;
        medicalDirector?: boolean | undefined;
      },
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<StaffRecord> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const before = await staffRepository.findStaff(tx, actor.practiceId, staffId);
        if (!before) throw new NotFoundError('Staff member', 'staffId');
        if (expectedVersion !== undefined && expectedVersion !== before.version) throw new PreconditionFailedError();
        if (before.role === 'owner' && actor.role !== 'owner') throw new ForbiddenError('Only an owner can change an owner.');
        if (changes.role !== undefined && changes.role !== before.role) assertMayAssignRole(actor, changes.role);
        if (staffId === actor.staffId && changes.active === false) {
          throw new ConflictError('You cannot deactivate your own account.', 'cannot_deactivate_self', { field: 'active' });
        }
        if (staffId === actor.staffId && changes.role !== undefined && changes.role !== before.role) {
          throw new ConflictError('You cannot change your own role.', 'cannot_change_own_role', { field: 'role' });
        }
        const losesOwner =
          before.role === 'owner' &&
          before.active &&
          (changes.active === false || (changes.role !== undefined && changes.role !== 'owner'));
        // Under the owners' row locks, so two owners taking each other away at once cannot both pass.
        if (losesOwner && (await staffRepository.lockActiveOwnerIds(tx, actor.practiceId)).every((ownerId) => ownerId === staffId)) {
          throw new ConflictError('A practice needs at least one active owner.', 'last_owner', {
            field: changes.active === false ? 'active' : 'role',
          });
        }
        if ((changes.role ?? before.role) === 'front_desk' && (changes.medicalDirector ?? before.medicalDirector)) {
          throw new ValidationError('A front desk account cannot be a medical director: give them a clinical role first.', {
            field: changes.medicalDirector === undefined ? 'role' : 'medicalDirector',
            code: 'medical_director_needs_clinical_role',
          });
        }
        const after = await staffRepository.updateStaff(tx, actor.practiceId, staffId, changes, clock.now());
        if (!after) throw new NotFoundError('Staff member', 'staffId');
        if (!after.active || after.role !== before.role) {
          await sessions.deleteSessionsOfStaff(tx, actor.practiceId, staffId);
          forgetSessionsOf(actor.practiceId, staffId);
        }
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actorType: 'staff',
          actorId: actor.staffId,
          actorLabel: actor.email,
          action: after.active === before.active ? 'staff.update' : after.active ? 'staff.reactivate' : 'staff.deactivate',
          objectType: 'staff',
          objectId: staffId,
          ip: meta.ip,
          requestId: meta.requestId,
          details: { before: pickChanged(before, changes), after: pickChanged(after, changes) },
        });
        return after;
      });
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;

function assertMayAssignRole(actor: StaffActor, role: StaffRole): void {
  if (role === 'owner' && actor.role !== 'owner')
    throw new ForbiddenError('Only an owner can make someone an owner.', 'owner_role_required');
}

function pickChanged(member: StaffRecord, changes: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(changes)) picked[key] = member[key as keyof StaffRecord];
  return picked;
}

function mapStaffWriteError(error: unknown): unknown {
  if (sqlStateOf(error) === '23505' && constraintOf(error) === 'staff_email_key') {
    return new ConflictError('A staff account with this email already exists.', 'email_taken', { field: 'email' });
  }
  return error;
}

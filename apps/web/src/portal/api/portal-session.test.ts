import { afterEach, describe, expect, it, vi } from 'vitest';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { getPortalMe } from './portal-session.ts';

const signedInAtDemo = {
  patient: {
    id: '6f1c2a9e-2d44-4c55-9a61-1c1d6f0a7b10',
    firstName: 'Ana',
    lastName: 'Silva',
    email: 'ana@example.com',
    phone: null,
    dateOfBirth: null,
  },
  session: { idleTimeoutMinutes: 15, expiresAt: '2026-03-02T19:00:00.000Z' },
  practice: { name: 'Lumière Aesthetics', slug: 'demo', timezone: 'America/New_York' },
  profiles: [{ id: '6f1c2a9e-2d44-4c55-9a61-1c1d6f0a7b10', firstName: 'Ana', lastName: 'Silva', relation: 'self' }],
  activeProfileId: '6f1c2a9e-2d44-4c55-9a61-1c1d6f0a7b10',
};

function answerMeWith(body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }))),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('getPortalMe', () => {
  it("answers with the patient at the portal of the session's own practice", async () => {
    answerMeWith(signedInAtDemo);
    await expect(getPortalMe('demo')).resolves.toEqual(signedInAtDemo);
  });

  it("treats another practice's session as signed out (401), so its patient never shows under this practice's name", async () => {
    answerMeWith(signedInAtDemo);
    const refused = await getPortalMe('other-clinic').catch((error: unknown) => error);
    expect(isApiProblem(refused, 401)).toBe(true);
    expect(refused).toMatchObject({ code: 'other_practice_session' });
    expect(JSON.stringify(refused)).not.toContain('Silva');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestApp, createTestPractice, TEST_PASSWORD } from '../testing/test-app.ts';

// The app as production runs it, serving a web build: its catch-all route for the web
// app's pages must not change how API paths are answered.
const webDistDir = mkdtempSync(join(tmpdir(), 'glowdesk-guards-web-'));
writeFileSync(join(webDistDir, 'index.html'), '<!doctype html><title>Glowdesk</title>');
const logLines: string[] = [];
const { app } = await createTestApp({
  config: { webDistDir },
  logger: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } },
});

const anyId = '00000000-0000-4000-8000-000000000000';

/** Routes a staff session (or no session) reaches; the guards run for every route alike. */
const staffRoutes = app.routeCatalog.filter((route) => route.access === 'public' || 'staff' in route.access);

/** Replaces `:param` segments with a syntactically valid id. */
function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z]+/g, anyId);
}

describe('the NUL character', () => {
  it('is refused on sign-in with 400 naming the field, before any account is looked up', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'someone\u0000@clinic.example', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'nul_character', field: 'email' });
  });

  it('is refused in a text field of every write route with 400 naming the field', async () => {
    const practice = await createTestPractice(app);
    const writeRoutes = staffRoutes.filter((route) => route.hasBody && route.method !== 'GET');
    expect(writeRoutes.length).toBeGreaterThan(20);
    for (const route of writeRoutes) {
      const response = await app.inject({
        method: route.method as 'POST',
        url: concreteUrl(route.url),
        headers: practice.owner.headers,
        payload: { lines: [{ description: 'Botox\u0000' }] },
      });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode, body: response.json() }).toMatchObject({
        route: `${route.method} ${route.url}`,
        status: 400,
        body: { code: 'nul_character', field: 'lines[0].description' },
      });
    }
  });

  it('writes nothing when one field of a valid body holds it', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: practice.owner.headers,
      payload: { firstName: 'Ada', lastName: 'Love\u0000lace', email: 'ada@example.com' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('lastName');
    const patients = await app.inject({ method: 'GET', url: '/api/v1/patients', headers: practice.owner.headers });
    expect(patients.json().items).toEqual([]);
  });

  it.each([
    ['/api/v1/patients?q=Ada%00', 'q'],
    ['/api/v1/services?category=Injectables%00', 'category'],
    ['/api/v1/audit-events?action=auth.login%00', 'action'],
  ])('is refused in a query parameter (%s)', async (url, field) => {
    const practice = await createTestPractice(app);
    const response = await app.inject({ method: 'GET', url, headers: practice.owner.headers });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'nul_character', field });
  });

  it('leaves the query of a request out of the log', async () => {
    const practice = await createTestPractice(app);
    await app.inject({ method: 'GET', url: '/api/v1/patients?q=Zebediah%00Quill', headers: practice.owner.headers });
    await app.inject({ method: 'GET', url: '/api/v1/patients?q=Zebediah', headers: practice.owner.headers });
    const completed = logLines.filter((line) => line.includes('request completed') && line.includes('"path":"/api/v1/patients"'));
    expect(completed.length).toBeGreaterThanOrEqual(2);
    expect(logLines.filter((line) => line.includes('Zebediah'))).toEqual([]);
  });
});

describe('a body sent to a route that takes none', () => {
  it('is refused with 400 and the route does nothing', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: practice.owner.headers,
      payload: { everywhere: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'body_not_expected', field: 'body' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers })).statusCode).toBe(200);
  });

  it('is refused on every write route without a body', async () => {
    const practice = await createTestPractice(app);
    const bodiless = staffRoutes.filter(
      (route) => !route.hasBody && route.method !== 'GET' && route.access !== 'public' && route.url !== '/api/v1/auth/logout',
    );
    expect(bodiless.length).toBeGreaterThan(5);
    for (const route of bodiless) {
      const response = await app.inject({
        method: route.method as 'POST',
        url: concreteUrl(route.url),
        headers: practice.owner.headers,
        payload: {},
      });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 400,
      });
    }
  });
});

describe('an over-long path parameter', () => {
  it.each(['GET', 'PATCH', 'DELETE'] as const)('answers %s with 414 problem+json', async (method) => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method,
      url: `/api/v1/resources/${'a'.repeat(600)}`,
      headers: practice.owner.headers,
      ...(method === 'PATCH' ? { payload: { name: 'Laser' } } : {}),
    });
    expect(response.statusCode).toBe(414);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 414, code: 'path_parameter_too_long' });
  });

  it('answers POST with 414 problem+json', async () => {
    const practice = await createTestPractice(app);
    const route = staffRoutes.find((candidate) => candidate.method === 'POST' && candidate.url.includes('/:'));
    if (!route) throw new Error('no POST route with a path parameter');
    const response = await app.inject({
      method: 'POST',
      url: route.url.replace(/:[A-Za-z]+/, 'a'.repeat(600)).replace(/:[A-Za-z]+/g, anyId),
      headers: practice.owner.headers,
      payload: {},
    });
    expect(response.statusCode).toBe(414);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});

describe('number limits', () => {
  it("report the field's own limit, not JavaScript's largest safe integer", async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: practice.owner.headers,
      payload: { name: 'Botox', durationMinutes: 1e20 },
    });
    expect(response.statusCode).toBe(400);
    const problems: { field: string; message: string }[] = response.json().errors;
    const duration = problems.filter((problem) => problem.field === 'durationMinutes');
    expect(duration).toHaveLength(1);
    expect(duration[0]?.message).toContain('720');
    expect(response.body).not.toContain('9007199254740991');
  });
});

import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { registerAccessControl } from './platform/auth/access.ts';
import { addPatient, createPortalPractice, signInPatient, uniquePhone } from './modules/portal/portal-test-support.ts';
import { createTestApp, createTestPractice, uniqueEmail } from './testing/test-app.ts';

const { app } = await createTestApp();

/** Replaces `:param` segments with a syntactically valid id. */
function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}

describe('every API route declares who may call it', () => {
  it('registers a non-trivial set of routes', () => {
    expect(app.routeCatalog.length).toBeGreaterThanOrEqual(7);
  });

  it('answers 401 to an anonymous caller on every route that is not explicitly public', async () => {
    const privateRoutes = app.routeCatalog.filter((route) => route.access !== 'public');
    for (const route of privateRoutes) {
      const response = await app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url),
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
    }
  });

  it('keeps the list of public API routes short and deliberate', () => {
    const publicRoutes = app.routeCatalog.filter((route) => route.access === 'public').map((route) => `${route.method} ${route.url}`);
    expect(publicRoutes.sort()).toEqual([
      'GET /api/v1/portal/:slug',
      'GET /api/v1/public/:slug/availability',
      'GET /api/v1/public/:slug/booking-catalog',
      'POST /api/v1/auth/login',
      'POST /api/v1/billing/webhooks/stripe',
      'POST /api/v1/portal/:slug/auth/code',
      'POST /api/v1/portal/:slug/auth/register',
      'POST /api/v1/portal/:slug/auth/register/verify',
      'POST /api/v1/portal/:slug/auth/verify',
    ]);
  });

  it('refuses to register a route that forgets to declare its access', async () => {
    const bare = Fastify();
    registerAccessControl(bare, { catalog: [], resolveActor: async () => undefined });
    expect(() => bare.get('/api/v1/undeclared', async () => ({}))).toThrow(/does not declare config.access/);
    await bare.close();
  });
});

describe('bad input on every write route', () => {
  const badBodies: { label: string; payload: string }[] = [
    { label: 'malformed JSON', payload: '{"email": ' },
    { label: 'a JSON array', payload: '[]' },
    { label: 'a JSON string', payload: '"hello"' },
    { label: 'JSON null', payload: 'null' },
    { label: 'an unknown field', payload: '{"definitelyNotAField": true}' },
    { label: 'wrong types', payload: '{"email": 42, "password": false, "displayName": [], "role": {}, "active": "yes"}' },
    {
      label: 'over-long strings',
      payload: JSON.stringify({ email: `${'a'.repeat(300)}@x.co`, password: 'p'.repeat(5000), displayName: 'n'.repeat(5000) }),
    },
  ];

  it.each(badBodies)('answers $label with 400 problem+json, never a 500', async ({ payload }) => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone });
    const patient = await signInPatient(app, practice, { channel: 'sms', phone });
    // Both realms' cookies: each route reads only its own.
    const cookie = `${practice.owner.cookie}; ${patient.cookie}`;
    const writeRoutes = app.routeCatalog.filter((route) => route.hasBody && route.method !== 'GET');
    expect(writeRoutes.length).toBeGreaterThan(0);
    for (const route of writeRoutes) {
      const response = await app.inject({
        method: route.method as 'POST',
        url: concreteUrl(route.url),
        headers: { cookie, 'content-type': 'application/json' },
        payload,
      });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 400,
      });
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem.code).toEqual(expect.any(String));
      expect(problem.field).toEqual(expect.any(String));
    }
  });

  it('writes nothing when a staff body is invalid', async () => {
    const practice = await createTestPractice(app);
    const before = await app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: practice.owner.headers });
    const bodies = [
      { email: 'not-an-email', displayName: 'A', role: 'provider', password: 'long enough password' },
      { email: uniqueEmail(), displayName: '', role: 'provider', password: 'long enough password' },
      { email: uniqueEmail(), displayName: 'A', role: 'janitor', password: 'long enough password' },
      { email: uniqueEmail(), displayName: 'A', role: 'provider', password: 'short' },
      { email: uniqueEmail(), displayName: 'A', role: 'provider', password: 'long enough password', extra: 1 },
    ];
    const fields = [];
    for (const body of bodies) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/staff', headers: practice.owner.headers, payload: body });
      expect(response.statusCode).toBe(400);
      fields.push(response.json().field);
    }
    expect(fields).toEqual(['email', 'displayName', 'role', 'password', 'extra']);
    const staff = await app.inject({ method: 'GET', url: '/api/v1/staff', headers: practice.owner.headers });
    expect(staff.json().items).toHaveLength(1);
    const after = await app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: practice.owner.headers });
    expect(after.json().items.length).toBe(before.json().items.length);
  });

  it('answers a malformed id in the path with 400 naming the parameter', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({ method: 'GET', url: '/api/v1/staff/not-a-uuid', headers: practice.owner.headers });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('staffId');
  });
});

describe('HTTP conventions', () => {
  it('puts a request id on every response and echoes a valid incoming one', async () => {
    const generated = await app.inject({ method: 'GET', url: '/healthz' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-1234567890' } });
    expect(echoed.headers['x-request-id']).toBe('trace-1234567890');
  });

  it('reports liveness and database readiness', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('answers an unknown API path with a 404 problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, code: 'route_not_found' });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/api/v1/staff'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    expect(document.paths['/api/v1/auth/login']).toBeDefined();
  });

  it('names in the OpenAPI descriptions the 409 codes an Idempotency-Key can answer with', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const description = (path: string, method: string): string => document.paths[path][method].description;
    for (const [path, method] of [
      ['/api/v1/appointments', 'post'],
      ['/api/v1/appointments/{appointmentId}', 'patch'],
      ['/api/v1/appointments/{appointmentId}/cancel', 'post'],
      ['/api/v1/appointments/{appointmentId}/no-show', 'post'],
      ['/api/v1/appointments/{appointmentId}/checkout', 'post'],
      ['/api/v1/invoices/{invoiceId}/payments', 'post'],
      ['/api/v1/invoices/{invoiceId}/refunds', 'post'],
    ] as const) {
      expect(description(path, method), `${method} ${path}`).toContain('409 idempotency_key_reused');
    }
    for (const [path, method] of [
      ['/api/v1/appointments/{appointmentId}/checkout', 'post'],
      ['/api/v1/invoices/{invoiceId}/payments', 'post'],
      ['/api/v1/invoices/{invoiceId}/void', 'post'],
    ] as const) {
      expect(description(path, method), `${method} ${path}`).toContain('409 payment_in_progress');
    }
  });
});

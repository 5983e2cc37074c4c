import { simulatedTokenRequestSchema, simulatedTokenResponseSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../../platform/clock.ts';
import { createAttemptLimiter } from '../../platform/attempt-limiter.ts';
import { simulatedCardFormHtml, simulatedGatewayScript } from './simulated-gateway-assets.ts';
import { SIMULATED_GATEWAY_PREFIX, type SimulatedGateway } from './simulated-gateway.ts';

/**
 * The simulated gateway's own HTTP face, outside /api/v1 as a real processor's would be:
 * the browser sends the card here and gives Glowdesk's API only the token.
 */
export const simulatedGatewayRoutes: FastifyPluginAsyncZod<{ gateway: SimulatedGateway; clock: Clock }> = async (
  app,
  { gateway, clock },
) => {
  // The simulated gateway stands in for a processor whose own limits would apply; per process is enough for it.
  const countAttempt = createAttemptLimiter(gateway.tokenRateLimit, clock, 'card attempts');

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(
    `${SIMULATED_GATEWAY_PREFIX}/tokens`,
    {
      // Public like a processor's tokenization endpoint; same-origin checks still apply.
      config: { access: 'public' },
      schema: {
        tags: ['simulated gateway'],
        summary: 'Tokenize a test card (the simulated gateway’s endpoint, not Glowdesk’s API)',
        security: [],
        body: simulatedTokenRequestSchema,
        response: { 201: simulatedTokenResponseSchema },
      },
    },
    async (request, reply) => {
      countAttempt(request.ip);
      return reply.status(201).send(await gateway.tokenizeCard(request.body));
    },
  );

  app.get(`${SIMULATED_GATEWAY_PREFIX}/gateway.js`, { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(simulatedGatewayScript),
  );

  app.get(`${SIMULATED_GATEWAY_PREFIX}/card-form`, { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'",
      )
      .header('x-frame-options', 'SAMEORIGIN')
      .send(simulatedCardFormHtml),
  );
};

import {
  addWalletCreditRequestSchema,
  idSchema,
  removeWalletCreditRequestSchema,
  updateWalletSettingsRequestSchema,
  walletChangeResponseSchema,
  walletSchema,
  walletSettingsSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePatientProfile, requireStaff } from '../../platform/auth/access.ts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import { allStaffRoles, managerRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { idempotencyKeyOf } from '../../platform/idempotency-key-header.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import { walletWriterRoles } from './wallet-context.ts';
import type { WalletService } from './wallet-service.ts';

const patientParams = z.strictObject({ patientId: idSchema });

/**
 * The client profile's Wallet (every staff role reads; owners, admins and the front desk
 * change it), the practice's wallet settings, and the patient's own wallet in the portal.
 */
export const walletRoutes: FastifyPluginAsyncZod<{ wallet: WalletService; clientAccess: ClientAccess }> = async (
  app,
  { wallet, clientAccess },
) => {
  app.get(
    '/api/v1/patients/:patientId/wallet',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['wallet'],
        summary: 'A client’s wallet: dollar credits, rewards and prepaid units that count today, with every ledger entry',
        params: patientParams,
        response: { 200: walletSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      await clientAccess.assertMayReadClient(actor, request.params.patientId);
      return wallet.readWallet(actor, request.params.patientId, requestMetaOf(request));
    },
  );

  app.post(
    '/api/v1/patients/:patientId/wallet/credits',
    {
      config: { access: { staff: walletWriterRoles } },
      schema: {
        tags: ['wallet'],
        summary: 'Add dollar credit (or rewards) with a reason and an optional last day (Idempotency-Key accepted; 201, 200 on replay)',
        params: patientParams,
        body: addWalletCreditRequestSchema,
        response: { 200: walletChangeResponseSchema, 201: walletChangeResponseSchema },
      },
    },
    async (request, reply) => {
      const requestKey = idempotencyKeyOf(request.headers['idempotency-key']);
      const { replayed, ...change } = await wallet.addCredit(
        requireStaff(request),
        request.params.patientId,
        request.body,
        requestKey,
        requestMetaOf(request),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send(change);
    },
  );

  app.post(
    '/api/v1/patients/:patientId/wallet/removals',
    {
      config: { access: { staff: walletWriterRoles } },
      schema: {
        tags: ['wallet'],
        summary: 'Remove dollar credit (or rewards) with a reason, soonest expiry first (Idempotency-Key accepted; 201, 200 on replay)',
        params: patientParams,
        body: removeWalletCreditRequestSchema,
        response: { 200: walletChangeResponseSchema, 201: walletChangeResponseSchema },
      },
    },
    async (request, reply) => {
      const requestKey = idempotencyKeyOf(request.headers['idempotency-key']);
      const { replayed, ...change } = await wallet.removeCredit(
        requireStaff(request),
        request.params.patientId,
        request.body,
        requestKey,
        requestMetaOf(request),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send(change);
    },
  );

  app.get(
    '/api/v1/wallet/settings',
    {
      config: { access: { staff: allStaffRoles } },
      schema: { tags: ['wallet'], summary: 'The wallet’s currency and reward rule', response: { 200: walletSettingsSchema } },
    },
    async (request, reply) => {
      const settings = await wallet.readSettings(requireStaff(request));
      reply.header('etag', `"${settings.version}"`);
      return settings;
    },
  );

  app.put(
    '/api/v1/wallet/settings',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['wallet'],
        summary: 'Change the wallet’s currency or reward per $100 paid (owners and admins; If-Match accepted)',
        body: updateWalletSettingsRequestSchema,
        response: { 200: walletSettingsSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const settings = await wallet.updateSettings(
        requireStaff(request),
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
      );
      reply.header('etag', `"${settings.version}"`);
      return settings;
    },
  );

  app.get(
    '/api/v1/portal/wallet',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary: 'Your wallet: dollar credits, rewards and prepaid products and services (the staff view’s shape, your own only)',
        response: { 200: walletSchema },
      },
    },
    async (request) => {
      const { practiceId, patientId } = requirePatientProfile(request);
      return wallet.readOwnWallet({ kind: 'patient', practiceId, patientId }, requestMetaOf(request));
    },
  );
};

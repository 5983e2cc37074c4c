import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { WalletMoneyBalance } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { ValidationError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/format-money.ts';
import {
  DEFAULT_WALLET_CURRENCY,
  lockedWalletCurrencyWithin,
  staffIdOf,
  todayWithin,
  walletAuditOf,
  walletCurrencyWithin,
  type WalletActor,
  type WalletDependencies,
} from './wallet-context.ts';
import { allocate, availableOf, lotsOf, valueOf } from './wallet-lots.ts';
import * as repository from './wallet-repository.ts';
import type { WalletEntryInsert } from './wallet-repository.ts';

/** An invoice line that sells into the wallet. */
export interface WalletSaleLine {
  kind: 'wallet_credit' | 'prepaid';
  description: string;
  serviceId: string | null;
  quantity: number;
  totalCents: number;
  expiresOn: string | null;
}

/**
 * What Sales asks of the wallet, always inside its own transaction (after it has locked the
 * invoice, so the lock order is invoice, then wallet, everywhere).
 */
export interface WalletLedger {
  /** Refuses an invoice in another currency than the wallet's (400 currency_mismatch on `field`). */
  checkCurrencyWithin(tx: Transaction, practiceId: string, currency: string, field: string): Promise<void>;
  /** Pays with dollar credits or rewards: refused (400 insufficient_wallet_balance on `field`) when less counts today. */
  redeemWithin(
    tx: Transaction,
    practiceId: string,
    actor: WalletActor,
    redemption: {
      patientId: string;
      balance: WalletMoneyBalance;
      amountCents: number;
      currency: string;
      invoiceId: string;
      paymentId: string;
      field: string;
    },
    meta: RequestMeta | undefined,
  ): Promise<void>;
  /** Takes one prepaid unit of a service per line it pays (soonest expiry first). */
  redeemPrepaidWithin(
    tx: Transaction,
    practiceId: string,
    actor: WalletActor,
    redemption: { patientId: string; serviceId: string; serviceName: string; quantity: number; invoiceId: string; field: string },
    meta: RequestMeta | undefined,
  ): Promise<void>;
  /** An invoice paid in full: what it sold reaches the wallet, and its reward when the practice grants one. */
  grantInvoiceWithin(
    tx: Transaction,
    practiceId: string,
    actor: WalletActor,
    invoice: {
      patientId: string;
      invoiceId: string;
      invoiceNumber: number;
      currency: string;
      lines: WalletSaleLine[];
      rewardBaseCents: number;
    },
    meta: RequestMeta | undefined,
  ): Promise<void>;
  /**
   * A membership period paid: the plan's dollar credit and prepaid service units for it, each
   * grant once per `grantKey` (membership and period) however often it is asked. The lots name
   * the period's invoice, so refunding that invoice in full takes back what is unspent.
   */
  grantMembershipPerksWithin(
    tx: Transaction,
    practiceId: string,
    actor: WalletActor,
    grant: {
      patientId: string;
      grantKey: string;
      invoiceId: string | null;
      reason: string;
      creditCents: number;
      currency: string;
      services: { serviceId: string; units: number }[];
      /** Last day the grants count; null: they roll over. */
      expiresOn: string | null;
    },
    meta: RequestMeta | undefined,
  ): Promise<void>;
  /** A refund of a wallet payment gives the credit back to the lots it came from. */
  restorePaymentWithin(
    tx: Transaction,
    practiceId: string,
    actor: WalletActor,
    refund: { patientId: string; invoiceId: string; paymentId: string; refundId: string; amountCents: number },
    meta: RequestMeta | undefined,
  ): Promise<void>;
  /**
   * An invoice refunded in full or voided: its prepaid units come back, and what it put in
   * the wallet (what it sold, its reward) is taken back as far as it is unspent.
   */
  reverseInvoiceWithin(
    tx: Transaction,
    practiceId: string,
    actor: WalletActor,
    invoice: { patientId: string; invoiceId: string; refundId: string | null; reason: string },
    meta: RequestMeta | undefined,
  ): Promise<void>;
}

const moneyColumn = { credits: 'credit', rewards: 'reward' } as const;

function addDays(localDate: string, days: number): string {
  return Temporal.PlainDate.from(localDate).add({ days }).toString();
}

export function createWalletLedger(deps: WalletDependencies): WalletLedger {
  const { clock } = deps;

  async function checkCurrencyWithin(tx: Transaction, practiceId: string, currency: string, field: string): Promise<void> {
    const walletCurrency = await walletCurrencyWithin(tx, practiceId);
    if (walletCurrency !== currency) {
      throw new ValidationError(`Wallet credit is kept in ${walletCurrency}; this invoice is in ${currency}.`, {
        field,
        code: 'currency_mismatch',
      });
    }
  }

  return {
    checkCurrencyWithin,

    async redeemWithin(tx, practiceId, actor, redemption, meta) {
      await checkCurrencyWithin(tx, practiceId, redemption.currency, redemption.field);
      await repository.lockWallet(tx, practiceId, redemption.patientId);
      const balance = moneyColumn[redemption.balance];
      const today = await todayWithin(deps, tx, practiceId);
      const lots = lotsOf(await repository.listEntries(tx, practiceId, redemption.patientId), today).filter(
        (lot) => lot.grant.balance === balance && lot.grant.currency === redemption.currency,
      );
      const parts = allocate(lots, redemption.amountCents);
      if (!parts) {
        const available = availableOf(lots);
        throw new ValidationError(
          `The client has ${formatMoney(available, redemption.currency)} of wallet ${redemption.balance}; ${formatMoney(redemption.amountCents, redemption.currency)} cannot be paid from it.`,
          { field: redemption.field, code: 'insufficient_wallet_balance' },
        );
      }
      const now = clock.now();
      await repository.insertEntries(
        tx,
        practiceId,
        parts.map((part) => ({
          id: randomUUID(),
          patientId: redemption.patientId,
          balance,
          kind: 'redemption' as const,
          lotId: part.lotId,
          amountCents: -part.take,
          currency: redemption.currency,
          reason: 'Paid an invoice',
          invoiceId: redemption.invoiceId,
          paymentId: redemption.paymentId,
          createdAt: now,
          createdBy: staffIdOf(actor),
        })),
      );
      await recordAudit(
        tx,
        walletAuditOf(practiceId, actor, meta, 'wallet.redeemed', redemption.patientId, {
          balance,
          amountCents: redemption.amountCents,
          invoiceId: redemption.invoiceId,
          paymentId: redemption.paymentId,
        }),
      );
    },

    async redeemPrepaidWithin(tx, practiceId, actor, redemption, meta) {
      await repository.lockWallet(tx, practiceId, redemption.patientId);
      const today = await todayWithin(deps, tx, practiceId);
      const lots = lotsOf(await repository.listEntries(tx, practiceId, redemption.patientId), today).filter(
        (lot) => lot.grant.balance === 'prepaid' && lot.grant.serviceId === redemption.serviceId,
      );
      const parts = allocate(lots, redemption.quantity);
      if (!parts) {
        throw new ValidationError(
          `The client has ${availableOf(lots)} prepaid ${redemption.serviceName} left; ${redemption.quantity} cannot be paid from the wallet.`,
          { field: redemption.field, code: 'insufficient_prepaid_units' },
        );
      }
      const now = clock.now();
      await repository.insertEntries(
        tx,
        practiceId,
        parts.map((part) => ({
          id: randomUUID(),
          patientId: redemption.patientId,
          balance: 'prepaid' as const,
          kind: 'redemption' as const,
          lotId: part.lotId,
          quantity: -part.take,
          reason: redemption.serviceName,
          invoiceId: redemption.invoiceId,
          createdAt: now,
          createdBy: staffIdOf(actor),
        })),
      );
      await recordAudit(
        tx,
        walletAuditOf(practiceId, actor, meta, 'wallet.prepaid_redeemed', redemption.patientId, {
          serviceId: redemption.serviceId,
          quantity: redemption.quantity,
          invoiceId: redemption.invoiceId,
        }),
      );
    },

    async grantInvoiceWithin(tx, practiceId, actor, invoice, meta) {
      await repository.lockWalletCurrency(tx, practiceId, 'shared');
      const settings = await repository.findSettings(tx, practiceId);
      const walletCurrency = settings?.currency ?? DEFAULT_WALLET_CURRENCY;
      const rewardCents =
        settings && invoice.currency === walletCurrency
          ? Math.floor((Math.max(invoice.rewardBaseCents, 0) * settings.rewardCentsPer100Dollars) / 10_000)
          : 0;
      if (invoice.lines.length === 0 && rewardCents === 0) return;
      await repository.lockWallet(tx, practiceId, invoice.patientId);
      const already = (await repository.listEntries(tx, practiceId, invoice.patientId)).some(
        (entry) => entry.invoiceId === invoice.invoiceId && (entry.kind === 'purchase' || entry.kind === 'reward_earned'),
      );
      // An invoice is paid in full once; a second call (a replayed settlement) grants nothing more.
      if (already) return;
      const now = clock.now();
      const createdBy = staffIdOf(actor);
      const grants: WalletEntryInsert[] = invoice.lines.map((line) => {
        const id = randomUUID();
        const common = {
          id,
          lotId: id,
          patientId: invoice.patientId,
          kind: 'purchase' as const,
          reason: line.description,
          expiresOn: line.expiresOn,
          invoiceId: invoice.invoiceId,
          createdAt: now,
          createdBy,
        };
        return line.kind === 'wallet_credit'
          ? { ...common, balance: 'credit' as const, amountCents: line.totalCents, currency: invoice.currency }
          : {
              ...common,
              balance: 'prepaid' as const,
              quantity: line.quantity,
              serviceId: line.serviceId,
              productName: line.serviceId ? null : line.description,
            };
      });
      if (rewardCents > 0 && settings) {
        const id = randomUUID();
        const today = await todayWithin(deps, tx, practiceId);
        grants.push({
          id,
          lotId: id,
          patientId: invoice.patientId,
          balance: 'reward',
          kind: 'reward_earned',
          amountCents: rewardCents,
          currency: invoice.currency,
          reason: `Reward for invoice #${invoice.invoiceNumber}`,
          expiresOn: settings.rewardValidDays === null ? null : addDays(today, settings.rewardValidDays),
          invoiceId: invoice.invoiceId,
          createdAt: now,
          createdBy,
        });
      }
      const written = await repository.insertEntries(tx, practiceId, grants);
      await recordAudit(
        tx,
        walletAuditOf(practiceId, actor, meta, 'wallet.granted', invoice.patientId, {
          invoiceId: invoice.invoiceId,
          entries: written.map((entry) => ({ id: entry.id, balance: entry.balance, value: valueOf(entry) })),
        }),
      );
    },

    async grantMembershipPerksWithin(tx, practiceId, actor, grant, meta) {
      const services = grant.services.filter((service) => service.units > 0);
      if (grant.creditCents <= 0 && services.length === 0) return;
      await repository.lockWallet(tx, practiceId, grant.patientId);
      const now = clock.now();
      const common = {
        patientId: grant.patientId,
        kind: 'credit_added' as const,
        reason: grant.reason.slice(0, 500),
        expiresOn: grant.expiresOn,
        invoiceId: grant.invoiceId,
        createdAt: now,
        createdBy: staffIdOf(actor),
      };
      const grants: (WalletEntryInsert & { requestKey: string })[] = [];
      const walletCurrency = await lockedWalletCurrencyWithin(tx, practiceId);
      // Credit is kept in the wallet's currency only; a plan billed in another currency grants units alone.
      if (grant.creditCents > 0 && grant.currency === walletCurrency) {
        const id = randomUUID();
        grants.push({
          ...common,
          id,
          lotId: id,
          balance: 'credit',
          amountCents: grant.creditCents,
          currency: grant.currency,
          requestKey: `${grant.grantKey}:credit`,
        });
      }
      for (const service of services) {
        const id = randomUUID();
        grants.push({
          ...common,
          id,
          lotId: id,
          balance: 'prepaid',
          quantity: service.units,
          serviceId: service.serviceId,
          requestKey: `${grant.grantKey}:service-${service.serviceId}`,
        });
      }
      const written = await repository.insertKeyedEntries(tx, practiceId, grants);
      if (written.length === 0) return;
      await recordAudit(
        tx,
        walletAuditOf(practiceId, actor, meta, 'wallet.membership_perks_granted', grant.patientId, {
          grantKey: grant.grantKey,
          invoiceId: grant.invoiceId,
          entries: written.map((entry) => ({ id: entry.id, balance: entry.balance, value: valueOf(entry) })),
        }),
      );
    },

    async restorePaymentWithin(tx, practiceId, actor, refund, meta) {
      await repository.lockWallet(tx, practiceId, refund.patientId);
      const entries = (await repository.listEntries(tx, practiceId, refund.patientId)).filter(
        (entry) => entry.paymentId === refund.paymentId,
      );
      // What each lot gave this payment, less what earlier refunds of it gave back; newest lots first.
      const owed = new Map<string, { given: number; entry: (typeof entries)[number] }>();
      for (const entry of entries) {
        const current = owed.get(entry.lotId) ?? { given: 0, entry };
        current.given -= valueOf(entry);
        owed.set(entry.lotId, current);
      }
      let left = refund.amountCents;
      const now = clock.now();
      const restorations: WalletEntryInsert[] = [];
      for (const { given, entry } of [...owed.values()].reverse()) {
        if (left === 0) break;
        const give = Math.min(given, left);
        if (give <= 0) continue;
        restorations.push({
          id: randomUUID(),
          patientId: refund.patientId,
          balance: entry.balance,
          kind: 'reversal',
          lotId: entry.lotId,
          amountCents: give,
          currency: entry.currency,
          reason: 'Refund of a wallet payment',
          invoiceId: refund.invoiceId,
          paymentId: refund.paymentId,
          refundId: refund.refundId,
          createdAt: now,
          createdBy: staffIdOf(actor),
        });
        left -= give;
      }
      if (left !== 0) throw new Error(`wallet payment ${refund.paymentId} cannot give back ${refund.amountCents}`);
      await repository.insertEntries(tx, practiceId, restorations);
      await recordAudit(
        tx,
        walletAuditOf(practiceId, actor, meta, 'wallet.refunded', refund.patientId, {
          invoiceId: refund.invoiceId,
          paymentId: refund.paymentId,
          refundId: refund.refundId,
          amountCents: refund.amountCents,
        }),
      );
    },

    async reverseInvoiceWithin(tx, practiceId, actor, invoice, meta) {
      await repository.lockWallet(tx, practiceId, invoice.patientId);
      const entries = await repository.listEntries(tx, practiceId, invoice.patientId);
      const today = await todayWithin(deps, tx, practiceId);
      const lots = lotsOf(entries, today);
      const granted = new Set(
        entries.filter((entry) => entry.invoiceId === invoice.invoiceId && entry.lotId === entry.id).map((entry) => entry.id),
      );
      const now = clock.now();
      const reversals: WalletEntryInsert[] = [];
      const reversal = (lot: (typeof lots)[number], value: number): WalletEntryInsert => ({
        id: randomUUID(),
        patientId: invoice.patientId,
        balance: lot.grant.balance,
        kind: 'reversal',
        lotId: lot.grant.id,
        ...(lot.grant.balance === 'prepaid' ? { quantity: value } : { amountCents: value, currency: lot.grant.currency }),
        reason: invoice.reason,
        invoiceId: invoice.invoiceId,
        refundId: invoice.refundId,
        createdAt: now,
        createdBy: staffIdOf(actor),
      });
      for (const lot of lots) {
        if (granted.has(lot.grant.id)) {
          // What the invoice put in the wallet, as far as it is unspent.
          if (lot.remaining > 0) reversals.push(reversal(lot, -lot.remaining));
          continue;
        }
        // Prepaid units this invoice used (payments are given back by their own refunds).
        const used = entries
          .filter((entry) => entry.lotId === lot.grant.id && entry.invoiceId === invoice.invoiceId && entry.paymentId === null)
          .reduce((sum, entry) => sum + valueOf(entry), 0);
        if (used < 0) reversals.push(reversal(lot, -used));
      }
      if (reversals.length === 0) return;
      const written = await repository.insertEntries(tx, practiceId, reversals);
      await recordAudit(
        tx,
        walletAuditOf(practiceId, actor, meta, 'wallet.reversed', invoice.patientId, {
          invoiceId: invoice.invoiceId,
          refundId: invoice.refundId,
          entries: written.map((entry) => ({ id: entry.id, balance: entry.balance, value: valueOf(entry) })),
        }),
      );
    },
  };
}

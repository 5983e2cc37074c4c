export { createWalletService, type WalletService } from './wallet-service.ts';
export type { WalletLedger, WalletSaleLine } from './wallet-spending.ts';
export { walletRoutes } from './wallet-routes.ts';

export {
  auditActorFieldsOf,
  createBillingService,
  PAYMENT_METHOD_METADATA_KEY,
  PATIENT_PORTAL_LABEL,
  type PatientBillingActor,
  type BillingActor,
  type BillingService,
  type ChargeOffSessionInput,
  type GatewayEventListener,
  type RefundChargeInput,
  type WebhookOutcome,
} from './billing-service.ts';
export { billingRoutes, cardOnFileRoles, toPaymentMethodResponse } from './billing-routes.ts';
export type { PaymentMethodRecord } from './billing-repository.ts';
export { PaymentGatewayUnavailableError } from './billing-errors.ts';
export { createPaymentGateway } from './payment-gateway-config.ts';
export { createSimulatedGateway, type SimulatedGateway, type TokenRateLimit } from './simulated-gateway.ts';
export { createStripeGateway, type StripeGateway, type StripeGatewayOptions } from './stripe-gateway.ts';
export {
  chargeEachOffSession,
  GatewayRequestError,
  GatewayUnavailableError,
  WebhookSignatureError,
  type ChargeResult,
  type GatewayEvent,
  type OffSessionChargeInput,
  type PaymentGateway,
  type RefundReason,
  type RefundResult,
  type SavedCard,
} from './payment-gateway.ts';
export { portalPaymentMethodsRoutes } from './portal-payment-methods-routes.ts';

import { createServiceRequestSchema, type Resource, type Service, type ServiceMode, type UpdateServiceRequest } from '@glowdesk/contracts';
import { fieldErrorsFromIssues, type FieldErrors } from '../../form-errors.ts';
import { formatAmountForInput, parseAmount } from '../../../../shared/format/money.ts';

export interface ServiceFormValues {
  name: string;
  category: string;
  description: string;
  durationMinutes: number | string;
  bufferBeforeMinutes: number | string;
  bufferAfterMinutes: number | string;
  /** Dollars as typed; read into cents exactly. */
  price: string;
  cancellationFee: string;
  noShowFee: string;
  mode: ServiceMode;
  bookableOnline: boolean;
  requiresCardForOnlineBooking: boolean;
  clinicIds: string[];
  resourceIds: string[];
  providerIds: string[];
}

/** Errors are keyed by the API's field names, so the server's messages land on the same inputs. */
export const serviceFormFields = [
  'name',
  'category',
  'description',
  'durationMinutes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'priceCents',
  'cancellationFeeCents',
  'noShowFeeCents',
  'mode',
  'bookableOnline',
  'requiresCardForOnlineBooking',
  'clinicIds',
  'resourceIds',
  'providerIds',
] as const;
export type ServiceFormField = (typeof serviceFormFields)[number];

type ServiceRequest = NonNullable<ReturnType<typeof createServiceRequestSchema.safeParse>['data']>;

export const newServiceValues: ServiceFormValues = {
  name: '',
  category: '',
  description: '',
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  price: '',
  cancellationFee: '',
  noShowFee: '',
  mode: 'in_person',
  bookableOnline: true,
  requiresCardForOnlineBooking: false,
  clinicIds: [],
  resourceIds: [],
  providerIds: [],
};

export function serviceFormValues(service: Service): ServiceFormValues {
  return {
    name: service.name,
    category: service.category ?? '',
    description: service.description ?? '',
    durationMinutes: service.durationMinutes,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    price: formatAmountForInput(service.priceCents, service.currency),
    cancellationFee: formatAmountForInput(service.cancellationFeeCents, service.currency),
    noShowFee: formatAmountForInput(service.noShowFeeCents, service.currency),
    mode: service.mode,
    bookableOnline: service.bookableOnline,
    requiresCardForOnlineBooking: service.requiresCardForOnlineBooking,
    clinicIds: service.clinicIds,
    resourceIds: service.resourceIds,
    providerIds: service.providerIds,
  };
}

/**
 * Resources stay chosen only while their clinic offers the service. One this page does not know
 * (its list still loading) stays: the server has the last word.
 */
export function keepResourcesAtClinics(
  resourceIds: readonly string[],
  clinicIds: readonly string[],
  resources: readonly Resource[],
): string[] {
  const clinicOf = new Map(resources.map((resource) => [resource.id, resource.clinicId]));
  return resourceIds.filter((resourceId) => {
    const clinicId = clinicOf.get(resourceId);
    return clinicId === undefined || clinicIds.includes(clinicId);
  });
}

function textOrNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

const minuteFields = ['durationMinutes', 'bufferBeforeMinutes', 'bufferAfterMinutes'] as const;

/** Checks the form against the API's schema (money read into exact minor units of the currency first). */
export function readServiceForm(
  values: ServiceFormValues,
  currency: string,
): { request: ServiceRequest } | { errors: FieldErrors<ServiceFormField> } {
  const early: FieldErrors<ServiceFormField> = {};
  const cents = (text: string, field: 'priceCents' | 'cancellationFeeCents' | 'noShowFeeCents', blankMeans: number | null) => {
    const parsed = parseAmount(text, currency);
    if (parsed.status === 'valid') return parsed.amountCents;
    if (parsed.status === 'blank' && blankMeans !== null) return blankMeans;
    early[field] = parsed.status === 'blank' ? 'Enter a price (0 if it is free).' : parsed.message;
    return 0;
  };
  const priceCents = cents(values.price, 'priceCents', null);
  const cancellationFeeCents = cents(values.cancellationFee, 'cancellationFeeCents', 0);
  const noShowFeeCents = cents(values.noShowFee, 'noShowFeeCents', 0);
  for (const field of minuteFields) {
    if (values[field] === '') early[field] = field === 'durationMinutes' ? 'Enter how long it takes.' : 'Enter minutes (0 for none).';
  }

  const parsed = createServiceRequestSchema.safeParse({
    name: values.name,
    category: textOrNull(values.category),
    description: textOrNull(values.description),
    durationMinutes: Number(values.durationMinutes),
    bufferBeforeMinutes: Number(values.bufferBeforeMinutes),
    bufferAfterMinutes: Number(values.bufferAfterMinutes),
    priceCents,
    currency,
    cancellationFeeCents,
    noShowFeeCents,
    mode: values.mode,
    bookableOnline: values.bookableOnline,
    requiresCardForOnlineBooking: values.requiresCardForOnlineBooking,
    clinicIds: values.clinicIds,
    resourceIds: values.mode === 'virtual' ? [] : values.resourceIds,
    providerIds: values.providerIds,
  });
  const errors = { ...(parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues, serviceFormFields)), ...early };
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  return { request: parsed.data };
}

function sameIds(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && [...left].sort().join() === [...right].sort().join();
}

const scalarFields = [
  'name',
  'category',
  'description',
  'durationMinutes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'priceCents',
  'currency',
  'cancellationFeeCents',
  'noShowFeeCents',
  'mode',
  'bookableOnline',
  'requiresCardForOnlineBooking',
] as const satisfies readonly (keyof ServiceRequest & keyof Service)[];

/** Only what changed; lists are sent whole when they changed (the API replaces them). */
export function changedServiceFields(service: Service, request: ServiceRequest): UpdateServiceRequest {
  const changes: UpdateServiceRequest = {};
  for (const field of scalarFields) {
    const next = request[field] ?? null;
    if (next !== service[field]) Object.assign(changes, { [field]: next });
  }
  if (!sameIds(request.clinicIds, service.clinicIds)) changes.clinicIds = request.clinicIds;
  if (!sameIds(request.resourceIds, service.resourceIds)) changes.resourceIds = request.resourceIds;
  if (!sameIds(request.providerIds, service.providerIds)) changes.providerIds = request.providerIds;
  return changes;
}

import type { CreatePrescriptionRequest } from '@glowdesk/contracts';

/** The New Prescription dialog's fields as typed. */
export interface PrescriptionFormValues {
  drug: string;
  strength: string;
  directions: string;
  quantity: string;
  refills: string;
  prescribedOn: string;
}

export type PrescriptionFormErrors = Partial<Record<keyof PrescriptionFormValues, string>>;

export function blankPrescriptionForm(today: string): PrescriptionFormValues {
  return { drug: '', strength: '', directions: '', quantity: '', refills: '0', prescribedOn: today };
}

function wholeNumber(text: string): number | undefined {
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/**
 * Checks the dialog's fields as the server will (quantity 1–9999, refills 0–12, a date not
 * later than `today`), so a mistake is named beside its field before anything is sent.
 */
export function readPrescriptionForm(
  values: PrescriptionFormValues,
  today: string,
  procedureId: string | null,
): { request: CreatePrescriptionRequest; errors?: undefined } | { request?: undefined; errors: PrescriptionFormErrors } {
  const errors: PrescriptionFormErrors = {};
  if (values.drug.trim() === '') errors.drug = 'Enter the drug.';
  if (values.strength.trim() === '') errors.strength = 'Enter the strength.';
  if (values.directions.trim() === '') errors.directions = 'Enter the directions.';
  const quantity = wholeNumber(values.quantity);
  if (quantity === undefined || quantity < 1 || quantity > 9999) errors.quantity = 'Enter a whole number from 1 to 9999.';
  const refills = wholeNumber(values.refills);
  if (refills === undefined || refills > 12) errors.refills = 'Enter a whole number from 0 to 12.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.prescribedOn)) errors.prescribedOn = 'Pick the date.';
  else if (values.prescribedOn > today) errors.prescribedOn = 'The date cannot be later than today.';
  if (Object.keys(errors).length > 0 || quantity === undefined || refills === undefined) return { errors };
  return {
    request: {
      drug: values.drug.trim(),
      strength: values.strength.trim(),
      directions: values.directions.trim(),
      quantity,
      refills,
      prescribedOn: values.prescribedOn,
      ...(procedureId ? { procedureId } : {}),
    },
  };
}

/** "Qty 30 · 2 refills" as a list line shows it. */
export function dispenseSummary(prescription: { quantity: number; refills: number }): string {
  const refills = prescription.refills === 0 ? 'no refills' : prescription.refills === 1 ? '1 refill' : `${prescription.refills} refills`;
  return `Qty ${prescription.quantity} · ${refills}`;
}

/** The calendar date (YYYY-MM-DD) at `nowMs` in the zone: "today" for the practice. */
export function localDateAt(nowMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(nowMs));
}

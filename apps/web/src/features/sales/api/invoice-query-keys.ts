/** Every invoice list (Sales, an appointment's invoices) is cached under this prefix: one invalidation refreshes them all. */
export const invoiceListsKey = ['invoices'] as const;
export const invoiceKey = (invoiceId: string) => ['invoice', invoiceId] as const;

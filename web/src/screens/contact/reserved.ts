// The customer facts that other systems will provide: shipments from the shipping connection,
// orders and invoices from the commerce connection. ReservedPanel.vue shows one of them.
export const RESERVED_KINDS = ['shipments', 'orders', 'invoices'] as const;
export type ReservedKind = (typeof RESERVED_KINDS)[number];

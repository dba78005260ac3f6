// The customer facts that other systems will provide: orders and invoices from the commerce
// connection. ReservedPanel.vue shows one of them. Shipments have their own panel
// (ShipmentsPanel.vue), fed by the shipping connection.
export const RESERVED_KINDS = ['orders', 'invoices'] as const;
export type ReservedKind = (typeof RESERVED_KINDS)[number];

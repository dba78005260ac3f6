// Orders, invoices and contracts as the API returns them (docs/commerce.md), for the tests of
// the commerce calls and panels, with defaults a test overrides where it matters; and a host
// that loads them with useCommerce and shows one panel, as the customer panel does.
import { defineComponent, h, type Component, type Ref } from 'vue';
import type { Id } from '../../api/types';
import { useCommerce, type CommerceOwnerKind } from './useCommerce';
import type {
  CommerceLink,
  CommerceSummary,
  Contract,
  Invoice,
  LinkedInvoice,
  LinkedOrder,
  Order,
} from '../../api/commerce';

export function order(over: Partial<Order> = {}): Order {
  return {
    id: 7,
    number: 'OD1001',
    contact_id: 31,
    organisation_id: null,
    status: 'shipped',
    payment_status: 'cod',
    currency: 'INR',
    items: [
      { sku: 'TSHIRT-M', name: 'T-shirt, medium', quantity: 2, unit_price: '499.00', amount: '998.00' },
      { sku: '', name: 'ಕೈಮಗ್ಗದ ಶಾಲು', quantity: 1, unit_price: '1250.00', amount: '1250.00' },
    ],
    subtotal: '2248.00',
    shipping: '50.00',
    discount: '0.00',
    tax: '0.00',
    total: '2298.00',
    placed_at: '2026-12-01T10:00:00Z',
    shipments: [
      { id: 3, carrier: 'bluedart', tracking_number: '12345678901', status: 'in_transit', eta: '2026-12-06' },
    ],
    created_at: '2026-12-01T10:00:00Z',
    updated_at: '2026-12-02T10:00:00Z',
    version: 1,
    ...over,
  };
}

export function invoice(over: Partial<Invoice> = {}): Invoice {
  return {
    id: 5,
    number: 'INV/2026-27/0042',
    contact_id: 31,
    organisation_id: 3,
    order_number: 'OD1001',
    currency: 'INR',
    bill_to: 'Dakshin Logistics\n12 MG Road\nBengaluru 560001',
    tax_id: '29ABCDE1234F1Z5',
    lines: [
      {
        description: 'Express delivery, November',
        hsn: '996812',
        quantity: 1,
        unit_price: '10000.00',
        tax_rate: '18',
        amount: '10000.00',
      },
    ],
    subtotal: '10000.00',
    tax: '1800.00',
    total: '11800.00',
    amount_paid: '0.00',
    balance: '11800.00',
    issued_on: '2026-11-01',
    due_on: '2026-11-15',
    status: 'issued',
    state: 'overdue',
    pdf: { source: 'generated', url: '/api/v1/invoices/5/pdf' },
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
    version: 1,
    ...over,
  };
}

export function contract(over: Partial<Contract> = {}): Contract {
  return {
    id: 2,
    number: 'MSA-2026-007',
    organisation_id: 3,
    organisation_name: 'Dakshin Logistics',
    plan: 'Business Annual',
    tier: 'enterprise',
    sla_tier: 'premium',
    start_on: '2026-04-01',
    end_on: '2027-03-31',
    renewal_on: '2027-03-01',
    state: 'active',
    account_manager: { id: 8, name: 'Arjun Shetty' },
    notes: '',
    document: { url: '/api/v1/contracts/2/document' },
    created_at: '2026-03-20T09:00:00Z',
    updated_at: '2026-03-20T09:00:00Z',
    version: 1,
    ...over,
  };
}

export function summary(over: Partial<CommerceSummary> = {}): CommerceSummary {
  return { orders: [order()], invoices: [invoice()], contracts: [contract()], ...over };
}

export function linkedOrder(o: Order, link: Partial<CommerceLink> = {}): LinkedOrder {
  return { ...o, link: { by: 'auto', linked_at: '2026-12-03T08:35:00Z', ...link } };
}

export function linkedInvoice(i: Invoice, link: Partial<CommerceLink> = {}): LinkedInvoice {
  return { ...i, link: { by: 'auto', linked_at: '2026-12-03T08:35:00Z', ...link } };
}

/** Mounts `panel` fed by useCommerce(`kind`, `id`), which a test may change. */
export function commerceHost(panel: Component, kind: CommerceOwnerKind, id: Ref<Id>): Component {
  return defineComponent({
    setup() {
      const commerce = useCommerce(kind, () => id.value);
      return () => h(panel, { commerce });
    },
  });
}

// The commerce calls: the routes and bodies of docs/commerce.md, the abort signal of the
// summaries, link answers (201 new, 200 already linked), refusals as ApiErrors, and the PDF's
// address.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from './client';
import {
  getContactCommerce,
  getOrganisationCommerce,
  invoicePdfUrl,
  linkTicketInvoice,
  linkTicketOrder,
  listTicketInvoices,
  listTicketOrders,
  unlinkTicketInvoice,
  unlinkTicketOrder,
} from './commerce';
import { FakeApi, json, problem } from '../testing/fakeApi';
import {
  contract,
  invoice,
  linkedInvoice,
  linkedOrder,
  order,
  summary,
} from '../screens/commerce/testData';

let server: FakeApi;
let client: ApiClient;

beforeEach(() => {
  server = new FakeApi().install();
  client = new ApiClient();
  client.setCsrfToken('csrf-1');
});

describe('commerce summaries', () => {
  it('reads a contact’s orders, invoices and contracts, in the server’s order', async () => {
    server.on('GET', '/api/v1/contacts/31/commerce', summary({
      invoices: [invoice(), invoice({ id: 6, number: 'INV/2026-27/0050', state: 'paid' })],
    }));
    const s = await getContactCommerce(31, undefined, client);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.method).toBe('GET');
    expect(s.orders[0]!.number).toBe('OD1001');
    expect(s.orders[0]!.shipments[0]!.tracking_number).toBe('12345678901');
    // Overdue first is the server's choice: kept.
    expect(s.invoices.map((i) => i.state)).toEqual(['overdue', 'paid']);
    expect(s.contracts[0]!.account_manager?.name).toBe('Arjun Shetty');
  });

  it('reads an organisation’s', async () => {
    server.on('GET', '/api/v1/organisations/3/commerce', summary({ orders: [], contracts: [contract({ state: 'upcoming' })] }));
    const s = await getOrganisationCommerce(3, undefined, client);
    expect(server.calls[0]!.path).toBe('/api/v1/organisations/3/commerce');
    expect(s.orders).toEqual([]);
    expect(s.contracts[0]!.state).toBe('upcoming');
  });

  it('uses the shared client by default and passes the abort signal on', async () => {
    server.on('GET', '/api/v1/contacts/31/commerce', summary());
    const controller = new AbortController();
    await getContactCommerce(31, controller.signal);
    expect(server.calls[0]!.path).toBe('/api/v1/contacts/31/commerce');
    expect((server.fetch.mock.calls[0]![1] as RequestInit).signal).toBe(controller.signal);
  });

  it('turns a refusal into an ApiError', async () => {
    server.on('GET', '/api/v1/contacts/99/commerce', problem(404, 'not-found'));
    await expect(getContactCommerce(99, undefined, client)).rejects.toMatchObject({
      status: 404,
      type: '/problems/not-found',
    });
  });
});

describe('orders and invoices linked to a ticket', () => {
  it('lists them with how they were linked', async () => {
    server.on('GET', '/api/v1/tickets/1042/orders', {
      data: [linkedOrder(order()), linkedOrder(order({ id: 8, number: 'OD1002' }), { by: 'agent' })],
    });
    server.on('GET', '/api/v1/tickets/1042/invoices', { data: [linkedInvoice(invoice())] });
    const orders = await listTicketOrders(1042, undefined, client);
    const invoices = await listTicketInvoices(1042, undefined, client);
    expect(orders.map((o) => [o.number, o.link.by])).toEqual([
      ['OD1001', 'auto'],
      ['OD1002', 'agent'],
    ]);
    expect(invoices[0]!.link.linked_at).toBe('2026-12-03T08:35:00Z');
  });

  it('links by number with POST {number} and the CSRF token', async () => {
    server.on('POST', '/api/v1/tickets/1042/orders', () =>
      json(201, linkedOrder(order(), { by: 'agent' })),
    );
    server.on('POST', '/api/v1/tickets/1042/invoices', () => json(200, linkedInvoice(invoice())));
    const o = await linkTicketOrder(1042, 'OD1001', client);
    const i = await linkTicketInvoice(1042, 'INV/2026-27/0042', client);
    const [postOrder, postInvoice] = server.calls;
    expect(postOrder!.method).toBe('POST');
    expect(postOrder!.body).toEqual({ number: 'OD1001' });
    expect(postOrder!.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(postOrder!.headers.get('Content-Type')).toBe('application/json');
    expect(postInvoice!.path).toBe('/api/v1/tickets/1042/invoices');
    expect(postInvoice!.body).toEqual({ number: 'INV/2026-27/0042' });
    expect(o.link.by).toBe('agent');
    // Already linked (200): the link the server had, possibly automatic.
    expect(i.link.by).toBe('auto');
  });

  it('says 404 when no order has the number', async () => {
    server.on('POST', '/api/v1/tickets/1042/orders', problem(404, 'not-found', 'No order OD9.'));
    await expect(linkTicketOrder(1042, 'OD9', client)).rejects.toMatchObject({
      status: 404,
      detail: 'No order OD9.',
    });
  });

  it('unlinks with DELETE on the order’s and the invoice’s id', async () => {
    server.on('DELETE', '/api/v1/tickets/1042/orders/7', () => json(204, null));
    server.on('DELETE', '/api/v1/tickets/1042/invoices/5', () => json(204, null));
    await expect(unlinkTicketOrder(1042, 7, client)).resolves.toBeUndefined();
    await expect(unlinkTicketInvoice(1042, 5, client)).resolves.toBeUndefined();
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'DELETE /api/v1/tickets/1042/orders/7',
      'DELETE /api/v1/tickets/1042/invoices/5',
    ]);
    expect(server.calls[0]!.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });
});

describe('invoice PDF', () => {
  it('is the address the server gives, uploaded or generated', () => {
    expect(invoicePdfUrl(invoice())).toBe('/api/v1/invoices/5/pdf');
    expect(invoicePdfUrl(invoice({ pdf: { source: 'uploaded', url: '/api/v1/invoices/9/pdf' } }))).toBe(
      '/api/v1/invoices/9/pdf',
    );
  });
});

// The SLA calls: routes, bodies, If-Match on an update, 422 field errors as an ApiError, a
// ticket's clocks, and the minutes ⇄ amount + unit conversion the editor uses.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, isApiError } from './client';
import { slaApi, splitMinutes, toMinutes, type SlaPolicy, type TicketSla } from './sla';
import { FakeApi, json, problem } from '../testing/fakeApi';

const T0 = '2026-12-01T10:00:00.000Z';

function policy(over: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    id: 5,
    name: 'Urgent email',
    description: '',
    position: 0,
    active: true,
    conditions: { channels: ['email'], priorities: ['urgent'], tiers: [], group_ids: [], tags: [] },
    targets: [{ metric: 'first_response', minutes: 60, business_hours: false }],
    created_at: T0,
    updated_at: T0,
    version: 1,
    ...over,
  };
}

let server: FakeApi;
let sla: ReturnType<typeof slaApi>;

beforeEach(() => {
  server = new FakeApi().install();
  const client = new ApiClient();
  client.setCsrfToken('csrf-1');
  sla = slaApi(client);
});

describe('slaApi', () => {
  it('lists the policies as the server orders them', async () => {
    server.on('GET', '/api/v1/sla-policies', { data: [policy(), policy({ id: 6, position: 1 })] });
    const list = await sla.list();
    expect(list.map((p) => p.id)).toEqual([5, 6]);
  });

  it('creates with a JSON body and the CSRF token', async () => {
    server.on('POST', '/api/v1/sla-policies', (call) => json(201, policy({ ...(call.body as object) })));
    const created = await sla.create({
      name: 'Urgent email',
      targets: [{ metric: 'first_response', minutes: 60, business_hours: false }],
    });
    const call = server.calls[0]!;
    expect(call.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(call.body).toEqual({
      name: 'Urgent email',
      targets: [{ metric: 'first_response', minutes: 60, business_hours: false }],
    });
    expect(created.id).toBe(5);
  });

  it('gives the 422 field errors by the members they name', async () => {
    server.on('POST', '/api/v1/sla-policies', () =>
      problem(422, 'validation', 'the policy cannot be used', [
        { field: 'targets[1].minutes', message: 'must be at least 1' },
      ]),
    );
    const error = await sla.create({ name: 'x', targets: [] }).catch((e: unknown) => e);
    expect(isApiError(error, '/problems/validation')).toBe(true);
    expect(isApiError(error) && error.fieldError('targets[1].minutes')).toBe('must be at least 1');
  });

  it('updates with If-Match, reads one, and deletes', async () => {
    server.on('PATCH', '/api/v1/sla-policies/5', (call) => json(200, policy({ ...(call.body as object), version: 2 })));
    server.on('GET', '/api/v1/sla-policies/5', policy());
    server.on('DELETE', '/api/v1/sla-policies/5', () => json(204, null));
    const updated = await sla.update(5, { position: 2 }, 1);
    expect(server.calls[0]!.headers.get('If-Match')).toBe('"1"');
    expect(server.calls[0]!.body).toEqual({ position: 2 });
    expect(updated.version).toBe(2);
    await sla.update(5, { active: false });
    expect(server.calls[1]!.headers.has('If-Match')).toBe(false);
    expect((await sla.get(5)).name).toBe('Urgent email');
    await expect(sla.remove(5)).resolves.toBeUndefined();
    expect(server.calls.map((c) => c.method)).toEqual(['PATCH', 'PATCH', 'GET', 'DELETE']);
  });

  it("reads a ticket's clocks", async () => {
    const body: TicketSla = {
      policy: { id: 5, name: 'Urgent email' },
      clocks: [
        {
          metric: 'first_response',
          target_minutes: 60,
          business_hours: false,
          state: 'active',
          started_at: T0,
          due_at: '2026-12-01T11:00:00.000Z',
          fulfilled_at: null,
          elapsed_seconds: 600,
          breaches: 0,
        },
      ],
      next_due_at: '2026-12-01T11:00:00.000Z',
      breached: false,
    };
    server.on('GET', '/api/v1/tickets/1042/sla', body);
    expect(await sla.ticket(1042)).toEqual(body);
  });
});

describe('tickets by SLA', () => {
  it('filters and sorts the ticket list by SLA', async () => {
    server.on('GET', '/api/v1/tickets', { data: [], next_cursor: null });
    await sla.listTickets({ sla: 'breached', sort: 'sla_due_at', limit: 25 });
    const q = server.calls[0]!.query;
    expect([q.get('sla'), q.get('sort'), q.get('limit'), q.has('cursor')]).toEqual(['breached', 'sla_due_at', '25', false]);
  });
});

describe('minutes as an amount and a unit', () => {
  it('picks the largest unit that divides them', () => {
    expect(splitMinutes(1)).toEqual({ amount: 1, unit: 'minutes' });
    expect(splitMinutes(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(splitMinutes(120)).toEqual({ amount: 2, unit: 'hours' });
    expect(splitMinutes(2880)).toEqual({ amount: 2, unit: 'days' });
    expect(splitMinutes(0)).toEqual({ amount: 0, unit: 'minutes' });
  });

  it('converts back', () => {
    expect(toMinutes(4, 'hours')).toBe(240);
    expect(toMinutes(1.5, 'hours')).toBe(90);
    expect(toMinutes(3, 'days')).toBe(4320);
    expect(toMinutes(45, 'minutes')).toBe(45);
  });
});

// Shipments as the API returns them (GET /contacts/{id}/shipments, /tickets/{id}/shipments),
// with defaults a test overrides where it matters.
import type { LinkedShipment, Shipment, ShipmentEvent, ShipmentLink } from '../api/shipments';

export function shipmentEvent(over: Partial<ShipmentEvent> = {}): ShipmentEvent {
  return {
    id: 77,
    event_id: 'ev-9',
    status: 'delivery_failed',
    occurred_at: '2026-12-03T14:05:00+05:30',
    place: 'Bengaluru hub',
    description: 'Delivery attempted',
    reason: 'Customer not available',
    ...over,
  };
}

export function shipment(over: Partial<Shipment> = {}): Shipment {
  return {
    id: 12,
    carrier: { code: 'bluedart', name: 'Blue Dart' },
    tracking_number: 'BD123456789IN',
    service: 'express',
    status: 'delivery_failed',
    status_reason: 'Customer not available',
    origin: { city: 'Mumbai', pin: '400001', country: 'IN' },
    destination: { city: 'Bengaluru', pin: '560001', country: 'IN' },
    weight_grams: 1200,
    cod: { amount: '499.00', currency: 'INR' },
    promised_date: '2026-12-05',
    eta: '2026-12-06',
    late: true,
    contact_id: 31,
    organisation_id: null,
    order_ref: 'ORD-1001',
    tracking_url: 'https://track.example/BD123456789IN',
    last_event_at: '2026-12-03T14:05:00+05:30',
    created_at: '2026-12-01T08:00:00Z',
    updated_at: '2026-12-03T08:35:00Z',
    version: 4,
    events: [
      shipmentEvent({
        id: 75,
        event_id: 'ev-7',
        status: 'picked_up',
        occurred_at: '2026-12-01T18:30:00+05:30',
        place: 'Mumbai',
        description: 'Picked up from the seller',
        reason: '',
      }),
      shipmentEvent(),
      shipmentEvent({
        id: 76,
        event_id: 'ev-8',
        status: 'in_transit',
        occurred_at: '2026-12-02T03:10:00Z',
        place: 'ಬೆಂಗಳೂರು ವಿಂಗಡಣಾ ಕೇಂದ್ರ',
        description: 'ಸಾಗಣೆಯಲ್ಲಿದೆ',
        reason: '',
      }),
    ],
    ...over,
  };
}

export function linked(s: Shipment, link: Partial<ShipmentLink> = {}): LinkedShipment {
  return { ...s, link: { by: 'auto', linked_at: '2026-12-03T08:35:00Z', ...link } };
}

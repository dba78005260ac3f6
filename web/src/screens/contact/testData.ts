// Contacts and organisations as the API returns them, for the tests of the customer panel, the
// contact page and the customer store; and their delivery preferences, shipments with a
// delivery block, delivery requests and activity entries.
import type { Contact, Organisation } from '../../api/customers';
import type {
  ActivityEntry,
  DeliveryAddress,
  DeliveryPreferenceValues,
  DeliveryPreferences,
  DeliveryRequest,
  ShipmentDelivery,
} from '../../api/delivery';
import type { Shipment } from '../../api/shipments';
import { shipment } from '../../testing/shipmentFixtures';

const T0 = '2025-03-14T04:30:00.000Z';

export function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: 31,
    name: 'रवि कुमार',
    email: 'ravi@example.in',
    phone: '+919845012345',
    identities: [
      { type: 'email', value: 'ravi@example.in' },
      { type: 'phone', value: '+919845012345' },
      { type: 'social', value: '@ravi_k' },
    ],
    language: 'hi',
    time_zone: 'Asia/Kolkata',
    organisation_id: 3,
    created_at: T0,
    updated_at: T0,
    version: 4,
    ...over,
  };
}

export function organisation(over: Partial<Organisation> = {}): Organisation {
  return {
    id: 3,
    name: 'Dakshin Logistics',
    domains: ['dakshinlogistics.in'],
    tier: 'premium',
    account_manager_id: 8,
    notes: 'Bulk customer, pickup every Monday.',
    created_at: T0,
    updated_at: T0,
    version: 2,
    ...over,
  };
}

export function address(over: Partial<DeliveryAddress> = {}): DeliveryAddress {
  return {
    name: 'Asha Rao',
    line1: '12 MG Road',
    line2: '',
    city: 'Bengaluru',
    pin: '560001',
    country: 'IN',
    phone: '+919800000000',
    ...over,
  };
}

/** What the organisation and workspace give a contact who set nothing. */
function effectiveDefaults(): DeliveryPreferenceValues {
  return {
    windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', until: '18:00' }],
    time_zone: 'Asia/Kolkata',
    language: 'en',
    safe_place: 'At the reception desk',
    alternate_address: null,
    preferred_channel: 'whatsapp',
    quiet_hours: { from: '21:00', until: '08:00' },
  };
}

/** Contact 31's preferences: some set, language and channel inherited from Dakshin Logistics. */
export function deliveryPreferences(over: Partial<DeliveryPreferences> = {}): DeliveryPreferences {
  const own: DeliveryPreferenceValues = {
    windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '07:00', until: '16:00' }],
    time_zone: 'Asia/Kolkata',
    language: '',
    safe_place: 'With the guard at gate 2',
    alternate_address: address(),
    preferred_channel: '',
    quiet_hours: { from: '21:00', until: '08:00' },
  };
  return {
    owner: { type: 'contact', id: 31 },
    ...own,
    version: 3,
    updated_at: '2026-12-04T10:00:00Z',
    inherited_from: { type: 'organisation', id: 3, name: 'Dakshin Logistics' },
    effective: { ...own, language: 'hi', preferred_channel: 'whatsapp' },
    ...over,
  };
}

/** A contact who never saved preferences: everything comes from elsewhere. */
export function unsetDeliveryPreferences(over: Partial<DeliveryPreferences> = {}): DeliveryPreferences {
  return {
    owner: { type: 'contact', id: 31 },
    windows: [],
    time_zone: '',
    language: '',
    safe_place: '',
    alternate_address: null,
    preferred_channel: '',
    quiet_hours: null,
    version: 0,
    updated_at: null,
    inherited_from: { type: 'organisation', id: 3, name: 'Dakshin Logistics' },
    effective: effectiveDefaults(),
    ...over,
  };
}

export function shipmentDelivery(over: Partial<ShipmentDelivery> = {}): ShipmentDelivery {
  return {
    date: null,
    window: null,
    address: null,
    safe_place: '',
    time_zone: 'Asia/Kolkata',
    windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '07:00', until: '16:00' }],
    allowed: { reschedule: true, window: true, address: true, safe_place: true },
    allowed_dates: ['2026-12-05', '2026-12-07', '2026-12-08'],
    ...over,
  };
}

/** The usual test shipment (BD123456789IN, Blue Dart) with a delivery block. */
export function deliveryShipment(
  delivery: Partial<ShipmentDelivery> = {},
  over: Partial<Shipment> = {},
): Shipment {
  return shipment({ delivery: shipmentDelivery(delivery), ...over });
}

export function deliveryRequest(over: Partial<DeliveryRequest> = {}): DeliveryRequest {
  return {
    id: 1,
    kind: 'reschedule',
    details: { date: '2026-12-08' },
    by: { type: 'contact', id: 31, name: 'Asha' },
    via: 'portal',
    created_at: '2026-12-04T04:30:00Z',
    ...over,
  };
}

export function activityEntry(over: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    id: 9,
    action: 'shipment.delivery_request',
    actor: { kind: 'contact', id: 31, name: 'Asha' },
    entity: { type: 'shipment', id: 12 },
    changes: { kind: 'reschedule', tracking_number: 'BD123456789IN', date: [null, '2026-12-08'], via: 'portal' },
    created_at: '2026-12-04T04:30:00Z',
    ...over,
  };
}

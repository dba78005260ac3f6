// Time-zone names for the pickers: what the browser knows (Intl.supportedValuesOf), with India's
// first, or a short list of common ones where the browser cannot say.
const FALLBACK = [
  'Asia/Kolkata',
  'UTC',
  'Asia/Dubai',
  'Asia/Dhaka',
  'Asia/Kathmandu',
  'Asia/Colombo',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
];

let cached: string[] | null = null;

export function timeZones(): string[] {
  if (cached) {
    return cached;
  }
  let known: string[] = [];
  try {
    known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  } catch {
    known = [];
  }
  if (known.length === 0) {
    known = FALLBACK;
  }
  // ICU calls India's zone by its old name Asia/Calcutta; the server and agents use Kolkata.
  const rest = known.filter((z) => z !== 'Asia/Kolkata' && z !== 'Asia/Calcutta' && z !== 'UTC');
  cached = ['Asia/Kolkata', 'UTC', ...rest];
  return cached;
}

export function isKnownTimeZone(zone: string): boolean {
  return timeZones().includes(zone);
}

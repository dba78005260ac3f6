import { describe, expect, it } from 'vitest';
import { absoluteTime, relativeTime } from './time';

const now = Date.parse('2026-11-23T12:00:00.000Z');

describe('relativeTime', () => {
  it('picks the largest whole unit, in the current locale', () => {
    expect(relativeTime('2026-11-23T11:57:00.000Z', now, 'en')).toBe('3 minutes ago');
    expect(relativeTime('2026-11-23T10:00:00.000Z', now, 'en')).toBe('2 hours ago');
    expect(relativeTime('2026-11-22T12:00:00.000Z', now, 'en')).toBe('yesterday');
    expect(relativeTime('2026-11-23T11:59:30.000Z', now, 'en')).toBe('now');
    expect(relativeTime('2026-11-26T12:00:00.000Z', now, 'en')).toBe('in 3 days');
  });

  it('speaks Hindi and Kannada', () => {
    const hi = relativeTime('2026-11-23T11:57:00.000Z', now, 'hi');
    const kn = relativeTime('2026-11-23T11:57:00.000Z', now, 'kn');
    expect(hi).toMatch(/मिनट/);
    expect(kn).toMatch(/ನಿಮಿಷ/);
  });

  it('shows nothing for a time it cannot read', () => {
    expect(relativeTime('not a time', now, 'en')).toBe('');
    expect(absoluteTime('not a time', 'en')).toBe('');
  });
});

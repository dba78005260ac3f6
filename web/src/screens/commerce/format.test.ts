import { describe, expect, it } from 'vitest';
import { daysUntil, formatMoney, isZero, safeHref, toneOf } from './format';

describe('commerce formatting', () => {
  it('writes amounts in their currency and the agent’s locale, never NaN', () => {
    expect(formatMoney('1048.00', 'INR', 'en')).toBe('₹1,048.00');
    expect(formatMoney('1250000.00', 'INR', 'hi')).toBe('₹12,50,000.00');
    expect(formatMoney('12.5', 'USD', 'en')).toBe('$12.50');
    expect(formatMoney('10', 'NOT-A-CODE', 'en')).toBe('10 NOT-A-CODE');
    expect(formatMoney('', 'INR', 'en')).toBe('INR');
    expect(formatMoney('abc', 'INR', 'en')).toBe('abc INR');
    expect([isZero('0.00'), isZero('0'), isZero('0.01')]).toEqual([true, true, false]);
  });

  it('counts days from the agent’s today to a calendar date', () => {
    const now = new Date(2027, 1, 14, 23, 30); // late evening, local time
    expect(daysUntil('2027-02-14', now)).toBe(0);
    expect(daysUntil('2027-02-15', now)).toBe(1);
    expect(daysUntil('2027-03-16', now)).toBe(30);
    expect(daysUntil('2027-02-01', now)).toBe(-13);
    expect(daysUntil('soon', now)).toBeNull();
  });

  it('keeps only links that are safe as an href', () => {
    expect(safeHref('/api/v1/invoices/5/pdf')).toBe('/api/v1/invoices/5/pdf');
    expect(safeHref('https://files.example/c.pdf')).toBe('https://files.example/c.pdf');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('//evil.example/x')).toBeNull();
    expect(safeHref(null)).toBeNull();
    expect(safeHref('')).toBeNull();
  });

  it('gives every known state a tone, and an unknown one grey', () => {
    expect(toneOf('invoice', 'overdue')).toBe('warning');
    expect(toneOf('order', 'delivered')).toBe('done');
    expect(toneOf('shipment', 'delivery_failed')).toBe('trouble');
    expect(toneOf('contract', 'someday')).toBe('over');
  });
});

import { describe, expect, it } from 'vitest';
import { safeSnippet, snippetText } from './snippet';

function render(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('safeSnippet', () => {
  it('keeps the server\'s <mark> highlights around Hindi and Kannada words', () => {
    const out = safeSnippet('मेरा <mark>पार्सल</mark> कहाँ है? ನನ್ನ <mark>ಪಾರ್ಸೆಲ್</mark>');
    const el = render(out);
    expect([...el.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['पार्सल', 'ಪಾರ್ಸೆಲ್']);
    expect(el.textContent).toBe('मेरा पार्सल कहाँ है? ನನ್ನ ಪಾರ್ಸೆಲ್');
  });

  it('shows every other tag as text, never as an element', () => {
    const out = safeSnippet('a <script>alert(1)</script> <img src=x onerror=alert(1)> <b>bold</b> <mark onclick="x">m</mark>');
    const el = render(out);
    expect(el.querySelector('script, img, b')).toBeNull();
    expect(el.querySelectorAll('mark')).toHaveLength(0);
    expect(el.textContent).toBe('a <script>alert(1)</script> <img src=x onerror=alert(1)> <b>bold</b> <mark onclick="x">m');
  });

  it('keeps what the server escaped as the same text, without escaping it twice', () => {
    const el = render(safeSnippet('Order &lt;ORD-1&gt; &amp; <mark>refund</mark> &quot;soon&quot;'));
    expect(el.textContent).toBe('Order <ORD-1> & refund "soon"');
    expect(el.querySelector('mark')!.textContent).toBe('refund');
  });

  it('balances marks: a stray </mark> goes, an unclosed <mark> is closed', () => {
    expect(safeSnippet('a </mark>b <mark>c')).toBe('a b <mark>c</mark>');
    expect(safeSnippet('<mark><mark>x</mark></mark>')).toBe('<mark>x</mark>');
  });

  it('gives the plain text for labels', () => {
    expect(snippetText('a <mark>b</mark> &amp; c')).toBe('a b & c');
  });
});

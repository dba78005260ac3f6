// The sender checks and spoofing warnings of a mail, from channel_meta.email as the server
// stores it (src/services/mail/auth_results.h).
import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLanguage } from '../i18n';
import MailAuth from './MailAuth.vue';

const mounted: VueWrapper[] = [];
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount());
  setLanguage('en');
});

function show(meta: unknown) {
  const w = mount(MailAuth, { props: { meta }, global: { plugins: [i18n] }, attachTo: document.body });
  mounted.push(w);
  return w;
}

const SPOOFED = {
  email: {
    from: { name: 'support@bank.in', email: 'x@evil.test' },
    reply_to: { name: '', email: 'collect@elsewhere.test' },
    auth: { spf: 'softfail', spf_domain: 'evil.test', dkim: 'none', dmarc: 'fail', dmarc_domain: 'evil.test', authserv_id: 'mx.sahayak.test' },
    warnings: ['dmarc_fail', 'display_name_address', 'reply_to_domain'],
  },
};

describe('MailAuth', () => {
  it('shows a badge per check, coloured by its result, with the details in the tooltip', () => {
    const w = show(SPOOFED);
    const badges = w.findAll('[data-testid="mail-auth-badge"]');
    expect(badges.map((b) => b.text())).toEqual(['SPF soft fail', 'DKIM none', 'DMARC fail']);
    expect(badges.map((b) => b.attributes('data-tone'))).toEqual(['fail', 'neutral', 'fail']);
    const dmarc = badges[2]!.attributes('title')!;
    expect(dmarc).toContain('DMARC: fail for evil.test');
    expect(dmarc).toContain('Checked by mx.sahayak.test');
    expect(w.get('[data-testid="mail-auth"]').attributes('aria-label')).toBe('Sender checks by the receiving mail server');
  });

  it('explains each warning in words', () => {
    const w = show(SPOOFED);
    const banner = w.get('[data-testid="mail-warning"]');
    expect(banner.text()).toContain('Be careful: this message may not be from who it says.');
    const items = banner.findAll('li').map((li) => li.text());
    expect(items).toEqual([
      'It failed the sender checks for evil.test, so anyone could have sent it.',
      "The sender's name shows an e-mail address, but the message came from x@evil.test.",
      'Replies would go to collect@elsewhere.test, outside the sender\'s domain evil.test.',
    ]);
  });

  it('in Hindi and Kannada too', () => {
    setLanguage('hi');
    let w = show(SPOOFED);
    expect(w.get('[data-testid="mail-warning"] li').text()).toBe('यह evil.test की प्रेषक जाँच में विफल रहा, इसलिए इसे कोई भी भेज सकता था।');
    expect(w.findAll('[data-testid="mail-auth-badge"]')[2]!.text()).toBe('DMARC विफल');
    setLanguage('kn');
    w = show({ email: { from: { email: 'a@acrne.in' }, warnings: ['lookalike_own_domain'] } });
    expect(w.get('[data-testid="mail-warning"] li').text()).toBe('ಕಳುಹಿಸುವವರ ಡೊಮೇನ್ acrne.in ನಮ್ಮ ಡೊಮೇನ್‌ನಂತೆ ಕಾಣುತ್ತದೆ, ಆದರೆ ಅದು ನಮ್ಮದಲ್ಲ.');
  });

  it('a passing mail shows green badges and no warning', () => {
    const w = show({ email: { from: { email: 'ravi@example.in' }, auth: { spf: 'pass', dkim: 'pass', dkim_domain: 'example.in', dmarc: 'pass' } } });
    expect(w.findAll('[data-testid="mail-auth-badge"]').map((b) => b.attributes('data-tone'))).toEqual(['pass', 'pass', 'pass']);
    expect(w.find('[data-testid="mail-warning"]').exists()).toBe(false);
  });

  it('a mail without the header, or odd data, shows nothing', () => {
    for (const meta of [{}, { email: {} }, null, 'x', { email: { auth: { spf: 'bogus' }, warnings: 'dmarc_fail' } }]) {
      const w = show(meta);
      expect(w.find('[data-testid="mail-auth"]').exists()).toBe(false);
      expect(w.find('[data-testid="mail-warning"]').exists()).toBe(false);
    }
  });

  it('an unknown warning code still warns', () => {
    const w = show({ email: { warnings: ['from_the_future'] } });
    expect(w.get('[data-testid="mail-warning"] li').text()).toBe('Something about the sender looks wrong.');
  });
});

// The timeline shows a mail with its sender checks and warnings, folded history and held-back
// images; messages typed in the console show none of that.
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { Message } from '../../api/types';
import { i18n, setLanguage } from '../../i18n';
import { message } from '../../testing/fixtures';
import ConversationTimeline from './ConversationTimeline.vue';

function show(messages: Message[]) {
  const pinia = createPinia();
  setActivePinia(pinia);
  setLanguage('en');
  return mount(ConversationTimeline, { props: { messages }, global: { plugins: [pinia, i18n] }, attachTo: document.body });
}

describe('ConversationTimeline and mail', () => {
  it('shows the checks, the warning, the folded quote and the image notice of a mail', async () => {
    const mail = {
      ...message({
        id: 1,
        html:
          '<p>Please refund me.<img data-remote-src="https://x.example/a.png" alt="a"></p>' +
          '<div data-sahayak-quote="1">On Mon, Acme wrote:<blockquote data-sahayak-quote="1">Refund started.</blockquote></div>',
      }),
      channel_meta: {
        email: {
          from: { name: 'support@bank.in', email: 'x@evil.test' },
          auth: { spf: 'fail', dkim: 'none', dmarc: 'fail', dmarc_domain: 'evil.test' },
          warnings: ['dmarc_fail'],
        },
      },
    } as Message;
    const typed = message({ id: 2, channel: 'web', author: { type: 'agent', id: 7, name: 'Meera Rao' }, html: '<p>We are on it.</p>' });
    const w = show([mail, typed]);
    await nextTick();
    const [first, second] = w.findAll('[data-testid="timeline-message"]');
    expect(first!.findAll('[data-testid="mail-auth-badge"]').map((b) => b.text())).toEqual(['SPF fail', 'DKIM none', 'DMARC fail']);
    expect(first!.get('[data-testid="mail-warning"]').text()).toContain('failed the sender checks for evil.test');
    expect(first!.get('[data-testid="mail-fold-toggle"]').text()).toBe('Show quoted text');
    expect(first!.get('[data-testid="mail-images-notice"]').text()).toContain('Remote images are hidden');
    expect(second!.find('[data-testid="mail-auth"]').exists()).toBe(false);
    expect(second!.find('[data-testid="mail-warning"]').exists()).toBe(false);
    expect(second!.get('.message-html').text()).toBe('We are on it.');
    w.unmount();
  });
});

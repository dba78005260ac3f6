// Mail bodies as the server stores them (its sanitiser's output): quoted history and
// signatures fold behind a toggle, remote images wait for a click. Samples follow what Gmail,
// Outlook, Apple Mail, Thunderbird and plain-text mailers send, after sanitising.
import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { i18n, setLanguage } from '../i18n';
import MailBody from './MailBody.vue';

const mounted: VueWrapper[] = [];
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount());
  setLanguage('en');
});

async function show(html: string, messageId = 7) {
  const wrapper = mount(MailBody, {
    props: { messageId, html },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  await nextTick();
  return wrapper;
}

/** The text a reader sees now: hidden regions left out, white space collapsed. */
function visibleText(wrapper: VueWrapper): string {
  const clone = wrapper.get('[data-testid="mail-body"]').element.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('[hidden], button').forEach((e) => e.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function allText(wrapper: VueWrapper): string {
  return (wrapper.get('[data-testid="mail-body"]').element.textContent ?? '').replace(/\s+/g, ' ');
}

const GMAIL =
  '<div dir="ltr">Still waiting for my refund.</div><br>' +
  '<div data-sahayak-quote="1"><div dir="ltr">On Mon, 3 Jun 2024 at 10:15, Acme Support &lt;support@acme.in&gt; wrote:<br></div>' +
  '<blockquote data-sahayak-quote="1"><div dir="ltr">We have started your refund.</div></blockquote></div>';

const OUTLOOK =
  '<div dir="ltr"><div>Please call me.</div></div>' +
  '<div data-sahayak-quote="rest"></div><hr>' +
  '<div dir="ltr" data-sahayak-quote="rest"><b>From:</b> Acme Support &lt;support@acme.in&gt;<br><b>Sent:</b> Monday, June 3, 2024 10:15 AM<br><b>Subject:</b> Your order</div>' +
  '<div dir="ltr"><div>Your order has shipped.</div></div>';

const THUNDERBIRD =
  '<p>Thanks, that worked.</p>' +
  '<div data-sahayak-quote="1">On 03/06/24 10:15, Acme Support wrote:<br></div>' +
  '<blockquote data-sahayak-quote="1"><p>Try restarting the router.</p></blockquote>' +
  '<pre data-sahayak-quote="sig">-- \nRavi Kumar\nBengaluru</pre>';

describe('MailBody folding', () => {
  it('folds a Gmail quote with its attribution line, and the toggle opens and closes it', async () => {
    const w = await show(GMAIL);
    expect(visibleText(w)).toBe('Still waiting for my refund.');
    expect(allText(w)).toContain('We have started your refund.'); // kept, only hidden
    const toggle = w.get('[data-testid="mail-fold-toggle"]');
    expect(toggle.element.tagName).toBe('BUTTON'); // Enter and Space work as on any button
    expect(toggle.attributes('type')).toBe('button');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(toggle.text()).toBe('Show quoted text');
    const region = document.getElementById(toggle.attributes('aria-controls')!);
    expect(region?.hidden).toBe(true);
    expect(w.findAll('[data-testid="mail-fold-toggle"]')).toHaveLength(1); // nested markers: one fold

    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(toggle.text()).toBe('Hide quoted text');
    expect(visibleText(w)).toContain('On Mon, 3 Jun 2024 at 10:15, Acme Support <support@acme.in> wrote:');
    expect(visibleText(w)).toContain('We have started your refund.');

    await toggle.trigger('click');
    expect(visibleText(w)).toBe('Still waiting for my refund.');
  });

  it('folds Outlook history from its marker to the end', async () => {
    const w = await show(OUTLOOK);
    expect(visibleText(w)).toBe('Please call me.');
    expect(allText(w)).toContain('Your order has shipped.');
  });

  it('folds Outlook desktop history without markers, from its "From: … Sent: …" block', async () => {
    const w = await show(
      '<div><p>Any update?</p><div><div><p><b>From:</b> Acme &lt;support@acme.in&gt;<br><b>Sent:</b> 3 June 2024 10:15<br><b>To:</b> Ravi<br><b>Subject:</b> RE: Order</p></div></div><p>We are on it.</p></div>',
    );
    expect(visibleText(w)).toBe('Any update?');
  });

  it('folds a Thunderbird quote (attribution and blockquote as one) and the signature apart', async () => {
    const w = await show(THUNDERBIRD);
    expect(visibleText(w)).toBe('Thanks, that worked.');
    const toggles = w.findAll('[data-testid="mail-fold-toggle"]');
    expect(toggles.map((t) => t.text())).toEqual(['Show quoted text', 'Show signature']);
    await toggles[1]!.trigger('click');
    expect(visibleText(w)).toBe('Thanks, that worked.-- Ravi Kumar Bengaluru');
  });

  it('folds the trailing ">" block of a plain-text mail with its attribution', async () => {
    const w = await show(
      '<p>The parcel came today, thank you.</p>\n<p>On Mon, 3 Jun 2024 at 10:15, Acme Support &lt;support@acme.in&gt;<br>wrote:</p>\n' +
        '<p>&gt; Your parcel is out for delivery.<br>&gt;<br>&gt; Acme</p>',
    );
    expect(visibleText(w)).toBe('The parcel came today, thank you.');
    expect(allText(w)).toContain('> Your parcel is out for delivery.');
  });

  it('knows the Hindi and Kannada attribution lines of Gmail', async () => {
    const hindi = await show(
      '<p>धन्यवाद, पार्सल मिल गया।</p>\n<p>सोम, 3 जून 2024 को 10:15 am बजे Acme Support &lt;support@acme.in&gt; ने लिखा:</p>\n<p>&gt; आपका पार्सल भेज दिया गया है।</p>',
    );
    expect(visibleText(hindi)).toBe('धन्यवाद, पार्सल मिल गया।');
    const kannada = await show(
      '<p>ಧನ್ಯವಾದಗಳು.</p>\n<p>ಸೋಮ, ಜೂನ್ 3, 2024 ರಂದು 10:15 AM ಸಮಯದಲ್ಲಿ Acme Support ಅವರು ಬರೆದಿದ್ದಾರೆ:</p>\n<p>&gt; ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಕಳುಹಿಸಲಾಗಿದೆ.</p>',
      8,
    );
    expect(visibleText(kannada)).toBe('ಧನ್ಯವಾದಗಳು.');
  });

  it('folds "-----Original Message-----" and a "-- " signature in plain text', async () => {
    const w = await show(
      '<p>Please cancel my order.<br>-- <br>Asha Rao<br>+91 98450 00000</p>\n<p>-----Original Message-----<br>From: Acme<br>Sent: Monday<br>Subject: Order</p>\n<p>Your order is confirmed.</p>',
    );
    expect(visibleText(w)).toBe('Please cancel my order.');
    const toggles = w.findAll('[data-testid="mail-fold-toggle"]');
    expect(toggles.map((t) => t.text())).toEqual(['Show signature', 'Show quoted text']);
  });

  it('never folds the whole message, and shows forwarded mail', async () => {
    const allQuoted = await show('<div data-sahayak-quote="1">On Mon, Asha wrote:<blockquote data-sahayak-quote="1">Hello</blockquote></div>');
    expect(allQuoted.find('[data-testid="mail-fold-toggle"]').exists()).toBe(false);
    expect(visibleText(allQuoted)).toBe('On Mon, Asha wrote:Hello');

    const plainAllQuoted = await show('<p>&gt; only a quote<br>&gt; nothing else</p>', 9);
    expect(plainAllQuoted.find('[data-testid="mail-fold-toggle"]').exists()).toBe(false);

    const forward = await show(
      '<div dir="ltr">FYI, see below.</div><div data-sahayak-quote="1">---------- Forwarded message ---------<br>From: Bank<br><div>Your statement</div></div>',
      10,
    );
    expect(forward.find('[data-testid="mail-fold-toggle"]').exists()).toBe(false);
    expect(visibleText(forward)).toContain('Your statement');
  });

  it('keeps answers written below a quote (bottom-posting) in view', async () => {
    const w = await show('<p>On Mon, Acme wrote:<br>&gt; Which colour do you want?</p>\n<p>Blue, please.</p>');
    expect(w.find('[data-testid="mail-fold-toggle"]').exists()).toBe(false);
    expect(visibleText(w)).toContain('Blue, please.');
  });

  it('leaves a mail without quotes as it is', async () => {
    const w = await show('<p>Hello,<br>where is my parcel?</p>\n<p>Ravi</p>');
    expect(w.find('[data-testid="mail-fold-toggle"]').exists()).toBe(false);
    expect(w.get('[data-testid="mail-body"]').element.innerHTML).toBe('<p>Hello,<br>where is my parcel?</p>\n<p>Ravi</p>');
  });

  it('speaks the agent\'s language, also after switching', async () => {
    setLanguage('hi');
    const w = await show(GMAIL);
    const toggle = w.get('[data-testid="mail-fold-toggle"]');
    expect(toggle.text()).toBe('उद्धृत पाठ दिखाएँ');
    setLanguage('kn');
    await w.vm.$nextTick();
    expect(toggle.text()).toBe('ಉಲ್ಲೇಖಿಸಿದ ಪಠ್ಯ ತೋರಿಸಿ');
    expect(i18n.global.locale.value).toBe('kn');
  });
});

describe('MailBody remote images', () => {
  const HTML =
    '<p>My parcel arrived broken:<img data-remote-src="https://photos.example/box.jpg" alt="box" width="300" height="200"></p>' +
    '<p><img src="/api/v1/attachments/5/content" alt="inline"><img src="data:image/png;base64,iVBORw0KGgo=" alt="data"></p>';

  it('loads none until "Show images" is clicked, then loads them for this message', async () => {
    const w = await show(HTML);
    const notice = w.get('[data-testid="mail-images-notice"]');
    expect(notice.text()).toContain('Remote images are hidden to protect your privacy.');
    const remote = w.get('img[alt="box"]').element as HTMLImageElement;
    expect(remote.hasAttribute('src')).toBe(false);
    // Inline (cid:, now an attachment URL) and data: images show as they are.
    expect(w.get('img[alt="inline"]').attributes('src')).toBe('/api/v1/attachments/5/content');
    expect(w.get('img[alt="data"]').attributes('src')).toMatch(/^data:image\/png/);

    const other = await show('<p><img data-remote-src="https://photos.example/other.jpg" alt="other"></p>', 8);

    await w.get('[data-testid="mail-images-show"]').trigger('click');
    expect(remote.getAttribute('src')).toBe('https://photos.example/box.jpg');
    expect(remote.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(w.find('[data-testid="mail-images-notice"]').exists()).toBe(false);
    // Only this message's images.
    expect(other.get('img[alt="other"]').attributes('src')).toBeUndefined();
    expect(other.find('[data-testid="mail-images-notice"]').exists()).toBe(true);
  });

  it('never loads a URL that is not http(s), whatever the attribute says', async () => {
    const w = await show('<p><img data-remote-src="javascript:alert(1)" alt="bad"></p>');
    await w.get('[data-testid="mail-images-show"]').trigger('click');
    expect(w.get('img[alt="bad"]').attributes('src')).toBeUndefined();
  });

  it('shows no notice when there is nothing to load', async () => {
    const w = await show('<p>No pictures here.</p>');
    expect(w.find('[data-testid="mail-images-notice"]').exists()).toBe(false);
  });
});

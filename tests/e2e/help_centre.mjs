// End-to-end: the public help centre in Hindi and Kannada, and deflection being recorded when a
// customer opens a suggested article from the demo "Contact us" form and then sends it anyway.
import { apiSession, fail, unique } from './lib.mjs';

/** Searches the help centre in `lang` for `word`; returns the first result's title and href. */
async function searchHelp(page, base, lang, word) {
  await page.goto(`${base}/help/${lang}`);
  if ((await page.getAttribute('html', 'lang')) !== lang) fail(`/help/${lang} is not a ${lang} page`);
  await page.locator('input[name="q"]').fill(word);
  await page.locator('input[name="q"]').press('Enter');
  const first = page.locator('ol.list li a').first();
  await first.waitFor().catch(() => fail(`searching the ${lang} help centre for "${word}" found nothing`));
  return { title: (await first.textContent()).trim(), href: await first.getAttribute('href') };
}

export const tests = [
  {
    name: 'help centre: a visitor finds the tracking article by a Hindi word and by a Kannada word',
    async run({ page, base, screenshot }) {
      const hi = await searchHelp(page, base, 'hi', 'पार्सल');
      if (!/^\/help\/hi\/articles\/\d+$/.test(hi.href)) fail(`a Hindi result links to ${hi.href}`);
      if (!hi.title.includes('पार्सल')) fail(`the first Hindi result is "${hi.title}"`);
      await screenshot('help-search-hi');
      await page.locator('ol.list li a').first().click();
      const h1 = (await page.locator('h1').first().textContent()).trim();
      if (h1 !== hi.title) fail(`the Hindi article opened as "${h1}", not "${hi.title}"`);

      // An inflected Kannada word (ಪಾರ್ಸೆಲ್‌ಗೆ, "to the parcel") finds the article titled ಪಾರ್ಸೆಲ್.
      const kn = await searchHelp(page, base, 'kn', 'ಪಾರ್ಸೆಲ್‌ಗೆ');
      if (!/^\/help\/kn\/articles\/\d+$/.test(kn.href)) fail(`a Kannada result links to ${kn.href}`);
      if (!kn.title.includes('ಪಾರ್ಸೆಲ್')) fail(`the first Kannada result is "${kn.title}"`);
      await screenshot('help-search-kn');
    },
  },
  {
    name: 'deflection: opening a suggested article and then sending the form anyway is recorded',
    async run({ page, base, screenshot }) {
      const admin = await apiSession(page.context());
      const forms = await admin.get('/api/v1/web-forms');
      const form = forms.data.find((f) => f.enabled);
      if (!form) fail('the demo has no enabled web form');
      const today = new Date().toISOString().slice(0, 10);
      const figures = () => admin.get(`/api/v1/kb/deflection?from=${today}&to=${today}`);
      const before = await figures();

      await page.goto(`${base}/forms/${form.key}?lang=hi`);
      await page.locator('input[name="subject"]').pressSequentially('पार्सल ट्रैक', { delay: 30 });
      const link = page.locator('[data-deflect-list] a').first();
      await link.waitFor({ state: 'visible' }).catch(() => fail('typing a Hindi subject showed no suggestions'));
      await screenshot('deflection-suggestions-hi');
      const [article] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
      await article.waitForLoadState();
      if (!/\/help\/hi\/articles\/\d+\?d=/.test(article.url())) fail(`the suggestion opened ${article.url()}`);
      await article.close();

      await page.locator('input[name="name"]').fill('सुनीता शर्मा');
      await page.locator('input[name="email"]').fill(`${unique('defl').toLowerCase()}@example.in`);
      await page.locator('textarea[name="message"]').fill('लेख पढ़ा, फिर भी पार्सल का पता नहीं चला।');
      await page.waitForTimeout((form.min_fill_seconds || 3) * 1000 + 200);
      await page.locator('button[type="submit"]').click();
      await page.locator('p[role="status"]').waitFor().catch(() => fail('sending the form showed no thanks page'));

      const after = await figures();
      for (const key of ['attempts', 'clicked', 'submitted']) {
        if (after[key] !== before[key] + 1) {
          fail(`deflection ${key} went from ${before[key]} to ${after[key]}, not up by one`);
        }
      }
      if (after.deflected !== before.deflected) fail('a request that was sent was counted as deflected');
    },
  },
];

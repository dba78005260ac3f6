// End-to-end: search in the agent console. A Hindi word of the demo data typed into the
// header's box shows suggestions; Enter opens the results page with the word highlighted; a
// status facet narrows the query (and every hit then has that status); the search is saved as
// a personal view, which the inbox lists and shows with the same tickets.
import { atLeast, atPath, fail, signIn, textMatches, tid, unique, visible } from './lib.mjs';

const HINDI_AGENT = 'deepak.verma@demo.sahayak.local';

const DEVANAGARI = /[\u0900-\u097F]/;
const WORD = 'पार्सल'; // "parcel": in the subjects and bodies of the demo business's tickets

export const tests = [
  {
    name: 'search: Hindi word in the header box, highlighted results, a status facet, saved as a view in the inbox',
    async run({ page, screenshot }) {
      await signIn(page);
      await atPath(page, /^\/views\//, 'after sign-in the inbox should open');
      await visible(page, page.locator('h1'), 'the inbox heading');

      // `/` puts the cursor in the search box.
      await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
      await page.keyboard.press('/');
      const box = tid(page, 'search-input');
      if (!(await box.evaluate((el) => el === document.activeElement))) {
        fail('pressing / in the inbox did not put the cursor in the search box');
      }
      await page.keyboard.type(WORD);
      const suggestion = await visible(page, tid(page, 'search-suggestion'), `a suggestion while typing "${WORD}"`);
      await textMatches(page, tid(page, 'search-suggestion'), DEVANAGARI, 'the suggestions for a Hindi word');
      if ((await suggestion.getAttribute('role')) !== 'option') fail('a suggestion is not an option of a list box');
      await screenshot('search-suggestions');

      // Enter with nothing highlighted: the results page.
      await page.keyboard.press('Enter');
      await atPath(page, /^\/search$/, 'Enter in the search box should open the results page');
      if (new URL(page.url()).searchParams.get('q') !== WORD) {
        fail(`the results page's address does not carry the query: ${page.url()}`);
      }
      const mark = await visible(page, page.locator('[data-testid="search-snippet"] mark'), 'a highlighted word in a result');
      const marked = (await mark.innerText()).trim();
      if (!DEVANAGARI.test(marked)) fail(`the highlight is "${marked}", not the Hindi word searched for`);
      await textMatches(page, tid(page, 'search-total'), /\d+ results?/, 'the number of results');
      await atLeast(page, '[data-testid="search-hit"]', 1, 'results');
      await screenshot('search-results');

      // A status facet adds status:<value> to the query; every hit then has that status.
      const facet = await visible(page, page.locator('[data-testid="facet-value"][data-facet="status"]'), 'the status facet');
      const value = await facet.getAttribute('data-value');
      const label = (await facet.locator('.facet-label').innerText()).trim();
      await facet.click();
      try {
        await page.waitForURL((url) => (url.searchParams.get('q') ?? '').includes(`status:${value}`));
      } catch {
        fail(`clicking the status "${label}" did not add status:${value} to the query (${page.url()})`);
      }
      await page.waitForFunction(
        (want) => {
          const hits = [...document.querySelectorAll('[data-testid="search-hit"][data-type="ticket"]')];
          return hits.length > 0 && hits.every((h) => h.querySelector('.status-badge')?.textContent?.trim() === want);
        },
        label,
      ).catch(async () => {
        const shown = await page.locator('[data-testid="search-hit"] .status-badge').allInnerTexts();
        fail(`after narrowing to "${label}" the results show the statuses ${JSON.stringify(shown)}`);
      });
      const query = new URL(page.url()).searchParams.get('q');

      // Back goes to the search before the facet.
      await page.goBack();
      await page.waitForURL((url) => url.searchParams.get('q') === WORD);
      await visible(page, page.locator('[data-testid="search-snippet"] mark'), 'the results after going back');
      await page.goForward();
      await page.waitForURL((url) => url.searchParams.get('q') === query);

      // The syntax help.
      await tid(page, 'search-help-toggle').click();
      await textMatches(page, tid(page, 'search-help'), /status:open/, 'the syntax help');

      // Save as a personal view, then open it from the inbox.
      const name = unique('Parcels');
      await tid(page, 'search-save-view').click();
      await (await visible(page, tid(page, 'save-search-name'), 'the name field of "Save as view"')).fill(name);
      await tid(page, 'save-search-submit').click();
      await textMatches(page, tid(page, 'search-saved'), new RegExp(name), 'the confirmation that the view was saved');
      await page.goto('/views/mine');
      const link = page.locator('[data-testid="view-link"]').filter({ hasText: name });
      await (await visible(page, link, `the saved view "${name}" in the inbox's views`)).click();
      await atPath(page, /^\/views\/saved-\d+$/, 'opening the saved view');
      await textMatches(page, page.locator('h1'), new RegExp(name), 'the heading of the saved view');
      await atLeast(page, '[data-testid="ticket-row"]', 1, 'tickets in the saved view');
      const statuses = await page.locator('[data-testid="ticket-row"] .col-status .status-badge').allInnerTexts();
      if (statuses.some((s) => s.trim() !== label)) {
        fail(`the saved view "${query}" lists tickets with the statuses ${JSON.stringify(statuses)}, expected only "${label}"`);
      }
      const subjects = await page.locator('[data-testid="ticket-link"]').allInnerTexts();
      if (!subjects.some((s) => DEVANAGARI.test(s))) {
        fail(`the saved view's tickets have no Hindi subject: ${JSON.stringify(subjects.slice(0, 5))}`);
      }
      await screenshot('search-saved-view');
    },
  },
  {
    name: 'search: problems in a query are explained in Hindi with the part of the query underlined',
    async run({ page, screenshot }) {
      const query = 'पार्सल status:खुला "देर';
      await signIn(page, { email: HINDI_AGENT, landing: `/search?q=${encodeURIComponent(query)}` });
      await atPath(page, /^\/search$/, 'sign-in should come back to the results page');
      const problems = await visible(page, tid(page, 'search-problem'), 'the problems of the query');
      const text = (await problems.innerText()).trim();
      if (!DEVANAGARI.test(text)) fail(`the problem is not explained in Hindi: "${text}"`);
      const parts = await page.locator('[data-testid="problem-part"]').allInnerTexts();
      if (parts.length === 0) fail('no part of the query is underlined');
      for (const part of parts) {
        if (!query.includes(part.trim()) || part.trim() === '') {
          fail(`the underlined part "${part}" is not a part of the query "${query}"`);
        }
      }
      await screenshot('search-hindi-problems');
    },
  },
];

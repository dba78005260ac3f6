// End-to-end: the knowledge base in the agent console. A Hindi-speaking agent writes an article
// in Hindi, publishes it, finds it in the list with its Hindi status, edits it and reads the
// change in the version history's diff, then from a ticket with the same subject inserts the
// article's help-centre link into the reply through the sidebar's knowledge-base panel.
import { apiSession, atPath, createTicket, fail, signIn, textMatches, tid, unique, visible } from './lib.mjs';

const HINDI_AGENT = 'deepak.verma@demo.sahayak.local';

/** A section to write in: the first one of the demo business, or a new one made by the admin. */
async function someSection(admin) {
  const tree = await admin.get('/api/v1/kb/categories');
  const categories = tree.items ?? tree.data ?? [];
  for (const c of categories) {
    if (c.sections?.length) return c.sections[0].id;
  }
  const cat = categories[0] ?? (await admin.post('/api/v1/kb/categories', { titles: { en: 'Shipping', hi: 'शिपिंग' } }));
  const sec = await admin.post('/api/v1/kb/sections', { category_id: cat.id, titles: { en: 'Returns', hi: 'वापसी' } });
  return sec.id;
}

export const tests = [
  {
    name: 'kb: an agent writes and publishes a Hindi article, sees it listed, diffs an edit, and links it from a ticket',
    async run({ page, screenshot, newContext }) {
      const admin = await apiSession(await newContext());
      const sectionId = await someSection(admin);
      const token = unique('kbe2e').replace(/[^a-z0-9]/gi, '').toLowerCase();
      const title = `पार्सल वापसी ${token}`;
      const ticket = await createTicket(admin, title);
      // The agent works in Hindi (another test may have switched their language).
      const deepak = await apiSession(await newContext(), HINDI_AGENT);
      await deepak.patch('/api/v1/auth/me', { language: 'hi' });

      // Write the article in Hindi (the agent's language picks the tab) and publish it.
      await signIn(page, { email: HINDI_AGENT, landing: '/kb' });
      await atPath(page, /^\/kb$/, 'sign-in should come back to the knowledge base');
      await textMatches(page, page.locator('h1'), /ज्ञान कोश/, 'the knowledge base heading in Hindi');
      await tid(page, 'kb-new-article').click();
      await atPath(page, /^\/kb\/articles\/new$/, '"नया लेख" should open the editor');
      const hiTab = await visible(page, tid(page, 'kb-tab-hi'), 'the हिन्दी tab of the editor');
      if ((await hiTab.getAttribute('aria-selected')) !== 'true') fail('a Hindi agent\'s new article does not start in the हिन्दी tab');
      await tid(page, 'kb-title').fill(title);
      await tid(page, 'kb-body').fill('## पार्सल वापस कैसे करें\n\nअपना AWB नंबर तैयार रखें।');
      await page.locator('[data-testid="kb-preview"] h2').filter({ hasText: 'पार्सल वापस कैसे करें' }).first()
        .waitFor({ state: 'visible' })
        .catch(() => fail('the preview never showed the Markdown heading as a heading'));
      await tid(page, 'kb-section').selectOption(String(sectionId));
      await tid(page, 'kb-status').selectOption('published');
      await tid(page, 'kb-save').click();
      await atPath(page, /^\/kb\/articles\/\d+$/, 'saving a new article should open it');
      const articleId = Number(new URL(page.url()).pathname.split('/').pop());
      await textMatches(page, tid(page, 'kb-saved'), /सहेज लिया गया/, 'the confirmation that the article was saved');
      const help = await visible(page, tid(page, 'kb-help-link'), 'the "सहायता केंद्र में देखें" link of a published article');
      if ((await help.getAttribute('href')) !== `/help/hi/articles/${articleId}`) {
        fail(`the help centre link is ${await help.getAttribute('href')}, not the Hindi page of article ${articleId}`);
      }
      await screenshot('kb-editor-hindi');

      // The list shows it with its Hindi translation published.
      await page.goto('/kb');
      const row = page.locator('[data-testid="kb-article-row"]').filter({ hasText: title });
      await visible(page, row, `the new article "${title}" in the list`);
      await textMatches(page, row.locator('[data-testid="kb-status-chip"]').first(), /हिन्दी: प्रकाशित/, 'the Hindi status chip');
      await screenshot('kb-list');

      // Edit it, then the history lists two versions and the diff shows the added line.
      await row.locator('a').first().click();
      await atPath(page, new RegExp(`^/kb/articles/${articleId}$`), 'opening the article from the list');
      const body = await visible(page, tid(page, 'kb-body'), 'the article text');
      await body.fill('## पार्सल वापस कैसे करें\n\nअपना AWB नंबर तैयार रखें।\nकूरियर दो दिन में आएगा।');
      await tid(page, 'kb-save').click();
      await textMatches(page, tid(page, 'kb-saved'), /सहेज लिया गया/, 'the confirmation that the edit was saved');
      await tid(page, 'kb-history-toggle').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="kb-version"]').length >= 2)
        .catch(() => fail('the version history does not list two versions after an edit'));
      await tid(page, 'kb-diff-show').click();
      const added = page.locator('[data-testid="kb-diff-line"][data-op="insert"]');
      await visible(page, added, 'an added line in the diff');
      const addedText = (await added.allInnerTexts()).join('\n');
      if (!addedText.includes('कूरियर दो दिन में आएगा।')) fail(`the diff's added lines are ${JSON.stringify(addedText)}`);
      const colour = await added.first().evaluate((el) => getComputedStyle(el).backgroundColor);
      if (colour === 'rgba(0, 0, 0, 0)') fail('added lines of the diff are not coloured');
      await screenshot('kb-history-diff');

      // From the ticket, the sidebar finds the article by the subject and inserts its link.
      await page.goto(`/tickets/${ticket.id}`);
      const panel = await visible(page, tid(page, 'kb-panel'), 'the knowledge base panel of the ticket');
      const result = panel.locator('[data-testid="kb-panel-result"]').filter({ hasText: token });
      // The search index follows the database within moments; search again until it has it.
      for (let i = 0; i < 20 && (await result.count()) === 0; i++) {
        await page.waitForTimeout(500);
        await tid(panel, 'kb-panel-search').click();
      }
      await visible(page, result, `the article "${title}" in the panel's results`);
      await tid(result.first(), 'kb-insert-link').click();
      const reply = await tid(page, 'reply-body').inputValue();
      const origin = new URL(page.url()).origin;
      if (!reply.includes(`${origin}/help/hi/articles/${articleId}`)) {
        fail(`after "लिंक डालें" the reply box holds ${JSON.stringify(reply)}`);
      }
      await screenshot('kb-ticket-panel');
    },
  },
];

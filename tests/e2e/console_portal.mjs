// End-to-end: the console's screens for this step's customer-facing channels. An admin adds a
// web form in Admin → Web forms and finds its embed snippet and a working preview of the form;
// an agent gives a B2B contact access to their organisation's tickets in the portal, which
// stays after a reload, and sends them a portal sign-in link; the knowledge base shows its
// self-service figures from the server.
import { apiSession, fail, sel, signIn, textMatches, tid, unique, visible } from './lib.mjs';

export const tests = [
  {
    name: 'admin: a web form is added and its embed snippet and preview are shown',
    async run({ page, context, screenshot }) {
      const name = unique('Website contact');
      await signIn(page, { landing: '/admin/web-forms' });
      await visible(page, page.locator('h1', { hasText: 'Web forms' }), 'the Web forms heading');

      await tid(page, 'webform-create').click();
      await (await visible(page, page.locator('#webform-name'), 'the name field')).fill(name);
      await page.locator('#webform-origins').fill('https://www.dakshin-logistics.example');
      await tid(page, 'webform-form').locator('button[type="submit"]').click();
      await textMatches(page, page.locator('.live-notice'), new RegExp(`Web form ${name} added`), 'the notice after adding');

      // The snippet of the new form is shown read-only, with Copy and Preview.
      const snippetPanel = await visible(page, tid(page, 'webform-snippet'), 'the embed code panel');
      const box = snippetPanel.locator(sel('webform-snippet-text'));
      const snippet = await box.inputValue();
      if ((await box.getAttribute('readonly')) === null) fail('the embed code could be edited');
      const api = await apiSession(context);
      const listed = await api.get('/api/v1/web-forms');
      const form = (Array.isArray(listed) ? listed : listed.data).find((f) => f.name === name);
      if (!form) fail(`the API did not list the web form ${name} after adding it in the console`);
      if (snippet !== form.snippet) fail(`the console showed the embed code "${snippet}", not the form's own`);
      if (!snippet.includes(form.key)) fail(`the embed code "${snippet}" does not name the form's key ${form.key}`);
      if (JSON.stringify(form.allowed_origins) !== JSON.stringify(['https://www.dakshin-logistics.example'])) {
        fail(`the form was saved with the origins ${JSON.stringify(form.allowed_origins)}`);
      }
      await visible(page, snippetPanel.locator(sel('webform-copy')), 'the Copy button');
      const href = await snippetPanel.locator(sel('webform-preview')).getAttribute('href');
      if (href !== `/forms/${form.key}`) fail(`Preview linked to ${href} instead of /forms/${form.key}`);
      const preview = await context.request.get(href);
      if (preview.status() !== 200) fail(`the preview ${href} answered ${preview.status()}`);
      await screenshot('admin-web-forms');

      // After a reload the form is listed with its key.
      await page.reload();
      const row = tid(page, 'webform-row').filter({ hasText: name });
      await textMatches(page, row, new RegExp(form.key), `the row of ${name} after a reload`);
    },
  },
  {
    name: 'contact: portal access to the organisation’s tickets is saved, and a sign-in link is sent',
    async run({ page, context, screenshot }) {
      await signIn(page);
      const api = await apiSession(context);
      // A demo contact of an organisation, with an e-mail address.
      const orgs = await api.get('/api/v1/organisations?limit=50');
      let contact = null;
      for (const org of orgs.data) {
        const contacts = await api.get(`/api/v1/contacts?organisation=${org.id}&limit=50`);
        contact = contacts.data.find((c) => c.email && c.ticket_access !== 'organization') ?? null;
        if (contact) break;
      }
      if (!contact) fail('setup: the demo business has no contact of an organisation with an e-mail address');

      await page.goto(`/contacts/${contact.id}`);
      const card = await visible(page, tid(page, 'portal-access'), 'the Customer portal card');
      const select = card.locator(sel('portal-access-select'));
      if ((await select.inputValue()) !== 'own') fail(`portal access started as "${await select.inputValue()}"`);
      await select.selectOption('organization');
      await textMatches(page, card.locator(sel('portal-access-result')), /all their organisation's tickets/,
        'the result of changing portal access');
      const after = await api.get(`/api/v1/contacts/${contact.id}`);
      if (after.ticket_access !== 'organization') fail(`the server kept ticket_access "${after.ticket_access}"`);

      await page.reload();
      const again = await visible(page, tid(page, 'portal-access').locator(sel('portal-access-select')),
        'the portal access select after a reload');
      if ((await again.inputValue()) !== 'organization') fail('portal access went back after a reload');

      await tid(page, 'portal-invite').click();
      await textMatches(page, tid(page, 'portal-access-result'), new RegExp(`Sign-in link sent to ${contact.email.replace(/[.+]/g, '\\$&')}`),
        'the result of sending the sign-in link');
      await screenshot('contact-portal-access');
    },
  },
  {
    name: 'kb: the self-service figures of the last 30 days are shown on the knowledge base',
    async run({ page, screenshot }) {
      await signIn(page, { landing: '/kb' });
      const card = await visible(page, tid(page, 'kb-deflection'), 'the Self-service card');
      await textMatches(page, card.locator('h2'), /^Self-service$/, 'the heading of the Self-service card');
      await visible(page, card.locator(sel('kb-deflection-stat', '[data-stat="rate"]')), 'the deflection rate');
      if ((await card.locator('[role="alert"]').count()) !== 0) {
        fail(`the Self-service card said "${(await card.locator('[role="alert"]').innerText()).trim()}"`);
      }
      const answer = page.waitForResponse((r) => r.url().includes('/api/v1/kb/deflection?'));
      await card.locator(sel('kb-deflection-period')).selectOption('90');
      const res = await answer;
      if (res.status() !== 200) fail(`the figures of the last 90 days were refused: ${res.status()} ${await res.text()}`);
      await textMatches(page, card.locator(sel('kb-deflection-stat', '[data-stat="attempts"]')), /\d/,
        'the number of suggestions shown in the last 90 days');
      if ((await card.locator('[role="alert"]').count()) !== 0) {
        fail(`after choosing 90 days the card said "${(await card.locator('[role="alert"]').innerText()).trim()}"`);
      }
      await screenshot('kb-self-service');
    },
  },
];

// End-to-end: business rules in the console. The admin opens Admin → Triggers, builds
// "Urgent for enterprise" (on ticket.created: organisation tier is enterprise → set priority
// urgent, add tag vip), reads the preview's count of open tickets that match now — the same
// the API gives — and saves; the server has the trigger as built. Then a condition the server
// refuses for a trigger (hours_since_created, a time condition: automations only) shows the
// server's 422 at its row, and nothing is saved.
import { apiSession, fail, signIn, textMatches, tid, visible } from './lib.mjs';

const NAME = 'Urgent for enterprise';

export const tests = [
  {
    name: 'rules: build a trigger with the live preview, save it; a refused condition shows at its row',
    async run({ page, screenshot, newContext }) {
      const admin = await apiSession(await newContext());
      await signIn(page, { landing: '/admin/triggers' });
      await textMatches(page, page.locator('h1'), /^Triggers$/, 'the Triggers heading');
      await (await visible(page, tid(page, 'rule-create'), 'the "Add a trigger" button')).click();
      const editor = await visible(page, tid(page, 'rule-editor'), 'the trigger editor');

      await tid(editor, 'rule-name').fill(NAME);
      await editor.locator('[data-testid="rule-event"][value="ticket.created"]').check();
      await tid(editor, 'rule-add-all').click();
      const tierRow = tid(editor, 'rule-condition').last();
      await tid(tierRow, 'rule-condition-field').selectOption('tier');
      await tid(tierRow, 'rule-condition-operator').selectOption('is');
      await tid(tierRow, 'rule-condition-value').selectOption('enterprise');

      // The preview runs by itself a moment after the change; "Check now" would too.
      const count = tid(editor, 'rule-preview-count');
      await textMatches(page, count, /match(es)? now/, 'the preview of the tickets that match now');
      const expected = await admin.post('/api/v1/triggers/preview', {
        events: ['ticket.created'],
        conditions: { all: [{ field: 'tier', operator: 'is', value: 'enterprise' }], any: [] },
      });
      const shown = (await count.textContent()).trim();
      const number = expected.count === 0 ? /No open ticket/ : new RegExp(`\\b${expected.count.toLocaleString('en')}\\b`);
      if (!number.test(shown)) fail(`the preview says "${shown}", the API counts ${expected.count}`);
      if (expected.count > 0) {
        const first = tid(editor, 'rule-preview-ticket').first().locator('a');
        const href = await (await visible(page, first, 'the first matching ticket, linked')).getAttribute('href');
        if (!/^\/tickets\/\d+$/.test(href ?? '')) fail(`the first matching ticket links to ${href}`);
      }

      await tid(editor, 'rule-add-action').click();
      const priority = tid(editor, 'rule-action').last();
      await tid(priority, 'rule-action-type').selectOption('set_priority');
      await priority.locator('select').nth(1).selectOption('urgent');
      await tid(editor, 'rule-add-action').click();
      const tags = tid(editor, 'rule-action').last();
      await tid(tags, 'rule-action-type').selectOption('add_tags');
      await tags.locator('input').first().fill('vip');
      await screenshot('rules-trigger-editor');

      await tid(editor, 'rule-save').click();
      await textMatches(page, tid(page, 'rule-notice'), new RegExp(`Added “${NAME}”`), 'the notice that the trigger was added');
      const row = tid(page, 'rule-row').filter({ hasText: NAME });
      await textMatches(page, row, /Ticket created/, 'the new trigger in the list with its event');
      const saved = (await admin.get('/api/v1/triggers')).data.find((r) => r.name === NAME);
      if (!saved) fail(`the server has no trigger "${NAME}"`);
      const want = {
        events: ['ticket.created'],
        all: [{ field: 'tier', operator: 'is', value: 'enterprise' }],
        actions: [{ type: 'set_priority', value: 'urgent' }, { type: 'add_tags', value: ['vip'] }],
      };
      const got = { events: saved.events, all: saved.conditions.all, actions: saved.actions };
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        fail(`the saved trigger is ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
      }
      await screenshot('rules-triggers');

      // A time condition in a trigger. The builder never offers one to a trigger, so the test
      // adds the choice to the row's field list, as a stale page or a hand-made request would:
      // the server's refusal must come back to that row.
      await tid(row, 'rule-edit').click();
      const edit = await visible(page, tid(page, 'rule-editor'), 'the editor of the saved trigger');
      await tid(edit, 'rule-add-all').click();
      const bad = tid(edit, 'rule-condition').last();
      const field = tid(bad, 'rule-condition-field');
      await field.evaluate((select) => {
        const option = document.createElement('option');
        option.value = 'hours_since_created';
        option.textContent = 'Hours since created';
        select.append(option);
      });
      await field.selectOption('hours_since_created');
      await tid(bad, 'rule-condition-operator').selectOption('greater_than');
      await tid(bad, 'rule-condition-value').fill('2');
      await tid(edit, 'rule-save').click();
      await textMatches(page, tid(bad, 'rule-condition-error'), /time condition|automation|hours_since_created/i,
        "the server's refusal of hours_since_created at its row");
      await visible(page, tid(edit, 'rule-alert'), 'the alert that something was not accepted');
      const first = tid(edit, 'rule-condition').first();
      if (await tid(first, 'rule-condition-error').count()) {
        fail(`the tier condition shows an error too: ${await tid(first, 'rule-condition-error').first().textContent()}`);
      }
      await screenshot('rules-refused-condition');
      const after = await admin.get(`/api/v1/triggers/${saved.id}`);
      if (after.conditions.all.length !== 1 || after.version !== saved.version) {
        fail(`the refused edit changed the trigger: ${JSON.stringify(after.conditions)}`);
      }
    },
  },
];

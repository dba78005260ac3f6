// End-to-end: live chat between a shop's visitor and an agent (docs/chat.md). An admin turns
// chat on in Admin → Live chat, allows a shop's origin (a small page this test serves on
// loopback) and copies the widget's script tag from there; the admin then opens the Chat
// screen, so one agent is online. On the shop's page — another origin, another browser
// context — a visitor opens the widget, gives a name and an address and writes in Hindi; the
// agent accepts the offer, reads the Hindi message and answers in Hindi; the visitor reads the
// answer; the agent ends the chat, and the chat's ticket shows both messages.
import http from 'node:http';
import { fail, signIn, textMatches, tid, unique, visible } from './lib.mjs';

/** Serves `html()` at / on 127.0.0.1 (a free port): the shop that embeds the widget. */
async function shop(html) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const VISITOR_SAYS = 'नमस्ते, मेरा ऑर्डर अभी तक नहीं आया। कृपया मदद कीजिए।';
const AGENT_SAYS = 'नमस्ते सुनीता जी, मैं अभी आपका ऑर्डर देखती हूँ।';

export const tests = [
  {
    name: 'chat: a visitor on a shop\'s page chats in Hindi with an agent in the console; the ticket holds the transcript',
    async run({ page, allowOrigin, newContext, screenshot }) {
      let snippet = '';
      const site = await shop(
        () => `<!doctype html><html lang="hi"><head><meta charset="utf-8"><title>दुकान</title></head>` +
          `<body><h1>हमारी दुकान</h1>${snippet}</body></html>`,
      );
      try {
        // The admin (and the agent who will chat) in the console.
        const agentContext = await newContext();
        const console_ = await agentContext.newPage();
        await signIn(console_, { landing: '/admin/chat' });
        await visible(console_, tid(console_, 'chat-settings-form'), 'the chat settings form');
        await tid(console_, 'chat-origins').fill(site.origin);
        if (!(await tid(console_, 'chat-enabled').isChecked())) await tid(console_, 'chat-enabled').check();
        await tid(console_, 'chat-settings-save').click();
        await textMatches(console_, console_.locator('[role="status"]'), /Chat settings saved/, 'the notice after saving');
        await visible(console_, tid(console_, 'chat-snippet'), 'the script tag to paste');
        snippet = (await tid(console_, 'chat-snippet').inputValue()).trim();
        if (!/^<script src="http:\/\/127\.0\.0\.1:\d+\/widget\.js" data-key="wk_[^"]+" async><\/script>$/.test(snippet)) {
          fail(`the script tag to paste is "${snippet}"`);
        }

        await console_.goto('/chat');
        await textMatches(console_, tid(console_, 'chat-connection'), /Connected/, 'the chat connection state');
        if (!(await tid(console_, 'presence-online').isChecked())) await tid(console_, 'presence-online').check();

        // The visitor, on the shop's own origin.
        allowOrigin(site.origin);
        await page.goto(site.origin + '/');
        const launcher = page.locator('[data-sahayak-chat] .launcher');
        await visible(page, launcher, 'the chat launcher on the shop\'s page');
        await launcher.click();
        await visible(page, page.locator('#sw-prechat-email'), 'the widget\'s form asking for a name and an e-mail address');
        await page.locator('#sw-prechat-name').fill('सुनीता शर्मा');
        await page.locator('#sw-prechat-email').fill(`${unique('sunita').toLowerCase()}@example.in`);
        await page.locator('#sw-prechat-text').fill(VISITOR_SAYS);
        await page.locator('#sw-prechat button[type="submit"]').click();

        // The agent is offered the chat, sees the Hindi text and accepts.
        const offer = tid(console_, 'chat-offer');
        await textMatches(console_, offer, /सुनीता शर्मा/, 'the offer in the console');
        await textMatches(console_, tid(console_, 'chat-offer-text'), new RegExp(VISITOR_SAYS.slice(0, 20)), 'the visitor\'s message in the offer');
        await tid(console_, 'chat-accept').click();
        await textMatches(console_, tid(console_, 'chat-panel-title'), /सुनीता शर्मा/, 'the open chat\'s title');
        await textMatches(console_, tid(console_, 'chat-transcript'), new RegExp(VISITOR_SAYS.slice(0, 20)), 'the visitor\'s Hindi message in the agent\'s transcript');

        // The agent answers in Hindi (Enter sends); the visitor reads it.
        await tid(console_, 'chat-input').fill(AGENT_SAYS);
        await tid(console_, 'chat-input').press('Enter');
        const mine = tid(console_, 'chat-message').filter({ hasText: AGENT_SAYS });
        await visible(console_, mine, 'the agent\'s answer in the transcript (acknowledged, not pending)');
        const answer = page.locator('[data-sahayak-chat] .log .msg').filter({ hasText: AGENT_SAYS });
        await visible(page, answer, 'the agent\'s Hindi answer in the visitor\'s widget');
        // The agent has the chat open: the visitor's message shows as seen.
        await textMatches(page, page.locator('[data-sahayak-chat] .log .msg.mine'), /देख लिया गया/, 'the visitor\'s message marked as seen by the agent');
        await screenshot('chat-visitor');

        // The agent ends the chat; its ticket holds both messages.
        await tid(console_, 'chat-end').click();
        await console_.locator('.confirm-ask .button.danger').click();
        await visible(console_, tid(console_, 'chat-ended'), 'the note that the chat ended');
        const link = tid(console_, 'chat-ticket-link');
        await visible(console_, link, 'the link to the chat\'s ticket');
        await link.click();
        const timeline = tid(console_, 'timeline-message');
        await textMatches(console_, timeline, new RegExp(VISITOR_SAYS.slice(0, 20)), 'the visitor\'s message on the ticket');
        await textMatches(console_, timeline, new RegExp(AGENT_SAYS.slice(0, 20)), 'the agent\'s answer on the ticket');
      } finally {
        site.close();
      }
    },
  },
];

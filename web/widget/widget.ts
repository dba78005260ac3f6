// The widget on a page: a launcher button and a panel in a shadow root, driven by the team's
// status (GET /status), the offline and pre-chat forms, and the ChatSession once a chat exists.
import { fetchStatus, postOffline, uploadAttachment, type PostResult, type Status } from './api';
import type { Env } from './env';
import { formatWait, translator, type Language, type Translate } from './i18n';
import type { MessageKey } from './locales/en';
import type { Attachment } from './protocol';
import { ChatSession } from './session';
import { storageKey } from './storage';
import { Composer } from './ui/composer';
import { h, icon, ICON_CHAT, ICON_CLOSE } from './ui/dom';
import { buildForm } from './ui/form';
import { LogView } from './ui/log';
import { applyStyles } from './ui/styles';

export interface WidgetConfig {
  /** The workspace's public widget key (`data-key`). */
  key: string;
  /** The server's origin, where widget.js came from. */
  origin: string;
  language: Language;
  position: 'left' | 'right';
  /** A CSS colour for the launcher and header (`data-color`). */
  color?: string;
}

/** The chat view's parts: the intro before the first message, the log, typing, the footer. */
interface ChatParts {
  intro: HTMLElement;
  log: LogView;
  typing: HTMLElement;
  foot: HTMLElement;
}

type View = 'loading' | 'unavailable' | 'offline' | 'offlineSent' | 'prechat' | 'chat';

const POST_ERROR: Record<Exclude<PostResult, 'ok'>, MessageKey> = {
  invalid: 'checkForm',
  rateLimited: 'rateLimited',
  tooLarge: 'checkForm',
  failed: 'formError',
};

/** The visitor endpoint for a server origin: ws: for http:, wss: for https:. */
export function socketUrl(origin: string, key: string): string {
  return `${origin.replace(/^http/, 'ws')}/api/v1/chat/visitor?key=${encodeURIComponent(key)}`;
}

export class Widget {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  readonly session: ChatSession;
  private readonly t: Translate;
  private status: Status | 'failed' | null = null;
  private isOpen = false;
  private view: View | null = null;
  private offlineSentTo: string | null = null;
  private ended: boolean | null = null;
  private focusOnRender: (() => void) | null = null;
  private readonly container: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly sub: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly body: HTMLElement;
  private readonly closeButton: HTMLButtonElement;
  private chat: ChatParts | null = null;
  private composer: Composer | null = null;
  private readonly cleanup: (() => void)[] = [];

  constructor(
    private readonly config: WidgetConfig,
    private readonly env: Env,
    doc: Document = document,
  ) {
    const t = (this.t = translator(config.language));
    this.session = new ChatSession(
      env,
      {
        url: socketUrl(config.origin, config.key),
        language: config.language,
        storageKey: storageKey(config.key),
      },
      {
        keepAlive: () => this.isOpen && this.online(),
        reading: () => this.isOpen && env.pageVisible(),
      },
    );

    this.host = doc.createElement('div');
    this.host.setAttribute('data-sahayak-chat', config.key);
    if (config.color) {
      this.host.style.setProperty('--sw-color', config.color);
    }
    this.root = this.host.attachShadow({ mode: 'open' });
    applyStyles(this.root);

    this.badge = h('span', { class: 'badge', 'aria-hidden': 'true' });
    this.launcher = h(
      'button',
      { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'sw-panel' },
      icon(ICON_CHAT),
      this.badge,
    );
    this.closeButton = h(
      'button',
      { type: 'button', 'aria-label': t('close'), title: t('close') },
      icon(ICON_CLOSE),
    );
    this.sub = h('p', {});
    this.banner = h('p', { class: 'banner', role: 'status' });
    this.body = h('div', { class: 'body' });
    this.panel = h(
      'div',
      {
        class: 'panel',
        id: 'sw-panel',
        role: 'dialog',
        'aria-labelledby': 'sw-title',
        hidden: true,
      },
      h(
        'div',
        { class: 'head' },
        h('div', {}, h('h2', { id: 'sw-title' }, t('title')), this.sub),
        this.closeButton,
      ),
      this.banner,
      this.body,
    );
    this.container = h(
      'div',
      { class: `sw ${config.position}`, lang: config.language },
      this.panel,
      this.launcher,
    );
    this.root.append(this.container);
    doc.body.append(this.host);

    this.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    this.closeButton.addEventListener('click', () => this.close());
    this.container.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && this.isOpen) {
        ev.stopPropagation();
        this.close();
      }
    });
    this.listen(doc, 'visibilitychange', () => this.session.markRead());
    this.listen(doc.defaultView, 'online', () => this.session.live() && this.session.connect());
    this.cleanup.push(this.session.onChange(() => this.render()));

    if (this.session.live() || this.session.s.outbox.length > 0 || this.session.mayHaveNews()) {
      this.session.connect();
    }
    this.render();
    void this.loadStatus();
  }

  open(): void {
    if (this.isOpen) {
      return;
    }
    this.isOpen = true;
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.container.classList.add('open');
    if (this.online() || this.session.live() || this.session.mayHaveNews()) {
      this.session.connect();
    }
    this.focusOnRender = () => this.focusView();
    this.render();
    this.session.markRead();
  }

  close(): void {
    if (!this.isOpen) {
      return;
    }
    this.isOpen = false;
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.container.classList.remove('open');
    this.session.typing(false);
    this.render();
    this.launcher.focus();
  }

  destroy(): void {
    for (const fn of this.cleanup) {
      fn();
    }
    this.session.stop();
    this.host.remove();
  }

  private listen(target: EventTarget | null, type: string, fn: () => void): void {
    target?.addEventListener(type, fn);
    this.cleanup.push(() => target?.removeEventListener(type, fn));
  }

  private online(): boolean {
    const st = this.status;
    return this.session.online ?? (st !== null && st !== 'failed' && st.online);
  }

  private async loadStatus(): Promise<void> {
    this.status = null;
    this.render();
    const r = await fetchStatus(this.env, this.config.origin, this.config.key);
    if (r === 'forbidden' && !this.session.hasConversation()) {
      // A wrong key or an origin the workspace does not allow: show nothing on the page.
      console.warn('sahayak widget: the server refused this key or page origin');
      this.destroy();
      return;
    }
    this.status = r === 'forbidden' ? 'failed' : r;
    if (this.isOpen && this.online()) {
      this.session.connect();
    }
    this.render();
  }

  private currentView(): View {
    if (this.session.hasTranscript()) {
      return 'chat';
    }
    if (this.offlineSentTo !== null) {
      return 'offlineSent';
    }
    if (this.status === null || this.status === 'failed') {
      return this.status === null ? 'loading' : 'unavailable';
    }
    if (!this.online()) {
      return 'offline';
    }
    return this.status.prechat ? 'prechat' : 'chat';
  }

  private render(): void {
    const { t, session } = this;
    const s = session.s;
    const view = this.currentView();
    if (view !== this.view) {
      this.view = view;
      this.mountView(view);
      if (this.isOpen) {
        this.focusOnRender = () => this.focusView();
      }
    }

    const lang = this.config.language;
    const unread = session.unread();
    this.badge.textContent =
      unread > 0 && !this.isOpen ? new Intl.NumberFormat(lang).format(unread) : '';
    this.launcher.setAttribute(
      'aria-label',
      unread > 0 ? t('openUnread', { count: unread }) : t('open'),
    );

    // The expected wait matters until an agent joins; the welcome's figure is the fresher one.
    const st = this.status;
    const wait = session.expectedWait ?? (st && st !== 'failed' ? st.expectedWait : null);
    const waiting =
      (view === 'chat' || view === 'prechat') &&
      !s.ended &&
      !s.items.some((i) => i.kind === 'joined');
    this.sub.textContent = (waiting && this.online() && formatWait(t, lang, wait)) || '';

    const reconnecting = session.live() && session.conn.state === 'waiting';
    this.banner.textContent = session.notice
      ? t(session.notice)
      : reconnecting
        ? t('reconnecting')
        : '';

    if (this.chat) {
      this.renderChat();
    }
    const focus = this.focusOnRender;
    this.focusOnRender = null;
    focus?.();
  }

  private renderChat(): void {
    const { t, session } = this;
    const s = session.s;
    const chat = this.chat!;
    chat.intro.hidden = s.items.length > 0;
    chat.log.update(s.items, {
      t,
      language: this.config.language,
      origin: this.config.origin,
      agentRead: s.agentRead,
      onRetry: (key) => session.retry(key),
    });
    chat.typing.textContent =
      session.agentTyping === null ? '' : t('typing', { name: session.agentTyping || t('agent') });
    this.composer?.setCanAttach(Boolean(s.token));
    if (this.ended !== s.ended) {
      const wasEnded = this.ended === true;
      this.ended = s.ended;
      if (s.ended) {
        const again = h('button', { type: 'button', class: 'primary' }, t('newChat'));
        again.addEventListener('click', () => {
          this.session.newChat();
          if (this.online()) {
            this.session.connect();
          }
        });
        chat.foot.replaceChildren(h('div', { class: 'end' }, again));
        this.composer = null;
        if (this.isOpen) {
          this.focusOnRender = () => again.focus();
        }
      } else {
        this.composer = new Composer(t, {
          send: (text, files) => session.send(text, files),
          typing: () => session.typing(true),
          upload: (file) => this.upload(file),
        });
        this.composer.setCanAttach(Boolean(s.token));
        chat.foot.replaceChildren(this.composer.el);
        if (this.isOpen && wasEnded) {
          // "Start a new chat" was pressed and is gone: the new chat starts in the composer.
          const input = this.composer.input;
          this.focusOnRender = () => input.focus();
        }
      }
    }
  }

  private async upload(file: File): Promise<Attachment | MessageKey> {
    const token = this.session.s.token;
    if (!token) {
      return 'uploadFailed';
    }
    const r = await uploadAttachment(this.env, this.config.origin, this.config.key, token, file);
    return typeof r !== 'string' ? r : r === 'tooLarge' ? 'fileTooLarge' : 'uploadFailed';
  }

  /** Replaces the panel's body for a new view. */
  private mountView(view: View): void {
    const { t } = this;
    this.chat = null;
    this.composer = null;
    this.ended = null;
    const lang = this.config.language;
    switch (view) {
      case 'loading':
        this.body.replaceChildren(h('p', { class: 'intro' }, t('loading')));
        break;
      case 'unavailable': {
        const retry = h('button', { type: 'button', class: 'primary' }, t('retry'));
        retry.addEventListener('click', () => void this.loadStatus());
        this.body.replaceChildren(
          h('div', { class: 'form' }, h('p', { class: 'intro' }, t('unavailable')), retry),
        );
        break;
      }
      case 'offline': {
        const st = this.status;
        const opensAt = st && st !== 'failed' ? st.opensAt : null;
        const form = buildForm(t, {
          id: 'sw-offline',
          intro:
            opensAt === null
              ? t('offlineIntro')
              : t('offlineUntil', {
                  when: new Intl.DateTimeFormat(lang, {
                    weekday: 'long',
                    hour: 'numeric',
                    minute: '2-digit',
                  }).format(opensAt),
                }),
          fields: [
            { name: 'name', required: true },
            { name: 'email', required: true },
            { name: 'text', required: true },
          ],
          submit: 'sendMessage',
          onSubmit: async (v) => {
            form.setBusy(true);
            form.setError(null);
            const r = await postOffline(this.env, this.config.origin, this.config.key, {
              ...v,
              language: lang,
            });
            form.setBusy(false);
            if (r === 'ok') {
              this.offlineSentTo = v.email;
              this.render();
            } else {
              form.setError(t(POST_ERROR[r]));
            }
          },
        });
        this.body.replaceChildren(form.el);
        break;
      }
      case 'offlineSent':
        this.body.replaceChildren(
          h(
            'p',
            { class: 'intro', tabindex: '-1' },
            t('offlineSent', { email: this.offlineSentTo ?? '' }),
          ),
        );
        break;
      case 'prechat': {
        const ask = (this.status as Status).prechat!;
        const form = buildForm(t, {
          id: 'sw-prechat',
          intro: t('prechatIntro'),
          fields: [
            ...(ask.name ? [{ name: 'name' as const, required: true }] : []),
            ...(ask.email ? [{ name: 'email' as const, required: true }] : []),
            { name: 'text', required: true },
          ],
          submit: 'startChat',
          onSubmit: (v) => {
            const problem = this.session.start(v.text, { name: v.name, email: v.email });
            form.setError(problem ? t(problem) : null);
          },
        });
        this.body.replaceChildren(form.el);
        break;
      }
      case 'chat': {
        this.chat = {
          intro: h('p', { class: 'intro' }, t('onlineIntro')),
          log: new LogView(t('title')),
          typing: h('p', { class: 'typing', 'aria-live': 'polite' }),
          foot: h('div', {}),
        };
        const c = this.chat;
        this.body.replaceChildren(c.intro, c.log.el, c.typing, c.foot);
        break;
      }
    }
  }

  /** Moves focus into the panel: the first field, the composer, or the close button. */
  private focusView(): void {
    if (!this.isOpen) {
      return;
    }
    const target =
      this.composer?.input ??
      this.body.querySelector<HTMLElement>('input, textarea, button, [tabindex="-1"]') ??
      this.closeButton;
    target.focus();
  }
}

export function createWidget(config: WidgetConfig, env: Env, doc: Document = document): Widget {
  return new Widget(config, env, doc);
}

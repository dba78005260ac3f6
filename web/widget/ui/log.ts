// The conversation as an ordered list (role=log), updated by key so a message whose status
// changes keeps its element (and screen readers do not read it out again).
import { formatSize, formatTime, type Language, type Translate } from '../i18n';
import { canRetry } from '../session';
import type { Item } from '../storage';
import { h, safeUrl } from './dom';

export interface LogContext {
  t: Translate;
  language: Language;
  /** The server's origin: attachment URLs resolve against it. */
  origin: string;
  /** The highest seq the agent has read: the visitor's messages up to it are "Seen". */
  agentRead: number;
  onRetry(key: string): void;
}

interface Entry {
  li: HTMLLIElement;
  meta: HTMLElement | null;
  content: string;
  state: string;
}

export class LogView {
  readonly el: HTMLOListElement;
  private nodes = new Map<string, Entry>();

  constructor(label: string) {
    this.el = h('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': label });
  }

  update(items: Item[], ctx: LogContext): void {
    const el = this.el;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    const keep = new Set<string>();
    let added = false;
    items.forEach((item, i) => {
      keep.add(item.key);
      const { kind, author, text, position, attachments } = item;
      const content = JSON.stringify([kind, author, text, position, attachments]);
      const seen = item.status === 'sent' && item.seq !== undefined && item.seq <= ctx.agentRead;
      const state = JSON.stringify([item.status, item.error, item.at, seen]);
      let node = this.nodes.get(item.key);
      if (!node || node.content !== content) {
        const li = node?.li ?? h('li');
        const meta = renderItem(li, item, ctx);
        node = { li, meta, content, state: '' };
        this.nodes.set(item.key, node);
        added = true;
      }
      if (node.state !== state && node.meta) {
        fillMeta(node.meta, item, seen, ctx);
        node.state = state;
      }
      if (el.children[i] !== node.li) {
        el.insertBefore(node.li, el.children[i] ?? null);
      }
    });
    for (const [key, node] of this.nodes) {
      if (!keep.has(key)) {
        node.li.remove();
        this.nodes.delete(key);
      }
    }
    if (added && atBottom) {
      el.scrollTop = el.scrollHeight;
    }
  }
}

/** Fills the item's element; returns the element holding its time and status, if any. */
function renderItem(li: HTMLLIElement, item: Item, ctx: LogContext): HTMLElement | null {
  const { t } = ctx;
  const name = item.author ?? t('agent');
  if (item.kind !== 'message') {
    li.className = 'note';
    const text =
      item.kind === 'queued'
        ? t('queued', { position: item.position ?? 0 })
        : item.kind === 'joined' || item.kind === 'left'
          ? t(item.kind, { name })
          : t(item.kind);
    li.replaceChildren(text);
    return null;
  }
  li.className = item.mine ? 'msg mine' : 'msg';
  const files = h('ul', { class: 'files' });
  for (const a of item.attachments ?? []) {
    const label = t('fileLink', { name: String(a.name), size: formatSize(ctx.language, a.size) });
    const href = safeUrl(a.url, ctx.origin);
    files.append(
      h(
        'li',
        {},
        href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label) : label,
      ),
    );
  }
  const meta = h('span', { class: 'meta' });
  li.replaceChildren(
    h('span', { class: 'who' }, item.mine ? t('you') : name),
    h('p', { class: 'text' }, item.text ?? ''),
    files,
    meta,
  );
  return meta;
}

function fillMeta(meta: HTMLElement, item: Item, seen: boolean, ctx: LogContext): void {
  const { t } = ctx;
  const parts: Node[] = [];
  if (item.at !== undefined) {
    const datetime = new Date(item.at).toISOString();
    parts.push(h('time', { datetime }, formatTime(ctx.language, item.at)));
  }
  if (item.mine) {
    const status =
      item.status === 'pending'
        ? t('sending')
        : item.status === 'failed'
          ? `${t('notSent')} ${t(item.error ?? 'generic')}`
          : t(seen ? 'seen' : 'sent');
    if (parts.length) {
      parts.push(document.createTextNode(' · '));
    }
    parts.push(h('span', { class: 'status' }, status));
  }
  if (canRetry(item)) {
    const retry = h('button', { type: 'button', class: 'link' }, t('retry'));
    retry.addEventListener('click', () => ctx.onRetry(item.key));
    parts.push(document.createTextNode(' '), retry);
  }
  meta.replaceChildren(...parts);
  meta.parentElement?.classList.toggle('failed', item.status === 'failed');
}

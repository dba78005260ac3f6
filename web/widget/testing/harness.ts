// Mounting the widget over the fakes, and reading it the way a visitor does: the text of the
// log, the banner, the header, the labels.
import { vi } from 'vitest';
import type { Language } from '../i18n';
import { createWidget, type Widget } from '../widget';
import { FakeChatServer, fakeEnv, type Call, type MemoryStorage } from './fakes';

export const ORIGIN = 'https://help.example.com';
export const KEY = 'wk_test';

export interface Mounted {
  w: Widget;
  server: FakeChatServer;
  env: ReturnType<typeof fakeEnv>;
}

type StatusRoute = Parameters<typeof fakeEnv>[1][string];

export interface MountOptions {
  language?: Language;
  status?: StatusRoute;
  routes?: Parameters<typeof fakeEnv>[1];
  server?: FakeChatServer;
  storage?: MemoryStorage;
  calls?: Call[];
  visible?: () => boolean;
}

/**
 * Lets `ms` of fake time pass, running timers and settling promises. The default is enough for
 * a few rounds of the fake server's replies (fake timers run a 0 ms timer set during a tick 1 ms
 * later).
 */
export async function tick(ms = 20): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

export function newServer(): FakeChatServer {
  return new FakeChatServer({ setTimeout: (fn, ms) => setTimeout(fn, ms) });
}

export async function mount(o: MountOptions = {}): Promise<Mounted> {
  const server = o.server ?? newServer();
  const body = typeof o.status === 'object' ? (o.status.body as Record<string, unknown>) : null;
  if (!o.server && body && 'expected_wait_seconds' in body) {
    // The welcome's figure replaces the status's; the same server says the same.
    server.expectedWait = body.expected_wait_seconds as number | null;
  }
  const env = fakeEnv(
    server,
    {
      'GET /api/v1/chat/status': o.status ?? {
        status: 200,
        body: { online: true, expected_wait_seconds: 120, prechat: false },
      },
      ...o.routes,
    },
    {
      ...(o.storage ? { storage: o.storage } : {}),
      ...(o.calls ? { calls: o.calls } : {}),
      ...(o.visible ? { visible: o.visible } : {}),
    },
  );
  const w = createWidget(
    { key: KEY, origin: ORIGIN, language: o.language ?? 'en', position: 'right' },
    env,
  );
  await tick();
  return { w, server, env };
}

export function $(w: Widget, selector: string): HTMLElement | null {
  return w.root.querySelector<HTMLElement>(selector);
}

export function $$(w: Widget, selector: string): HTMLElement[] {
  return [...w.root.querySelectorAll<HTMLElement>(selector)];
}

/** The conversation as the visitor reads it: "Kavya Bhat: Hello", "You: Hi [Sent]", notices. */
export function transcript(w: Widget): string[] {
  return $$(w, '.log > li').map((li) => {
    if (li.classList.contains('note')) {
      return li.textContent ?? '';
    }
    const part = (sel: string) => li.querySelector(sel)?.textContent ?? '';
    const files = [...li.querySelectorAll('.files li')].map((f) => ` <${f.textContent}>`).join('');
    const status = part('.status');
    return `${part('.who')}: ${part('.text')}${files}${status ? ` [${status}]` : ''}`;
  });
}

export function banner(w: Widget): string {
  return $(w, '.banner')?.textContent ?? '';
}

export function launcher(w: Widget): HTMLButtonElement {
  return $(w, '.launcher') as HTMLButtonElement;
}

export function composerInput(w: Widget): HTMLTextAreaElement {
  return $(w, '.composer textarea') as HTMLTextAreaElement;
}

/** Types into the composer and presses Enter. */
export async function say(w: Widget, text: string): Promise<void> {
  const input = composerInput(w);
  input.value = text;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  await tick();
}

/** Fills a form field by its visible label and returns the input. */
export function fill(w: Widget, label: string, value: string): HTMLInputElement {
  const l = $$(w, 'label').find((x) => x.firstChild?.textContent === label);
  if (!l) {
    const labels = $$(w, 'label').map((x) => x.firstChild?.textContent);
    throw new Error(`no field labelled ${label}, only ${labels.join(', ')}`);
  }
  const input = w.root.getElementById(l.getAttribute('for')!) as HTMLInputElement;
  input.value = value;
  return input;
}

export function button(w: Widget, text: string): HTMLButtonElement {
  const b = $$(w, 'button').find(
    (x) => x.textContent === text || x.getAttribute('aria-label') === text,
  );
  if (!b) {
    throw new Error(`no button ${text}`);
  }
  return b as HTMLButtonElement;
}

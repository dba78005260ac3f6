// Reading the embedding script tag (docs/chat.md "Embedding"): the widget key, the server's
// origin and the optional data-language, data-position and data-color.
import { resolveLanguage } from './i18n';
import type { WidgetConfig } from './widget';

/** The widget's own script: document.currentScript while it runs, else the last widget.js. */
export function findScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.src) {
    return current;
  }
  const scripts = [...doc.querySelectorAll<HTMLScriptElement>('script[src]')].reverse();
  return (
    scripts.find((s) => {
      try {
        return new URL(s.src, doc.baseURI).pathname.endsWith('/widget.js');
      } catch {
        return false;
      }
    }) ?? null
  );
}

export function readConfig(
  script: HTMLScriptElement,
  doc: Document,
  browserLanguage: string | undefined,
): WidgetConfig | null {
  const d = script.dataset;
  const key = d.key?.trim();
  if (!key) {
    return null;
  }
  let origin: string;
  try {
    origin = new URL(script.src, doc.baseURI).origin;
  } catch {
    return null;
  }
  return {
    key,
    origin,
    language: resolveLanguage(d.language, doc.documentElement.lang, browserLanguage),
    position: d.position === 'left' ? 'left' : 'right',
    ...(d.color?.trim() ? { color: d.color.trim() } : {}),
  };
}

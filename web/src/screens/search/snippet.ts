// The server's snippets are escaped text with the matches in <mark>…</mark>. Before one goes
// to v-html it is rebuilt here: everything is escaped again (so a server bug or an unescaped
// "<script>" in a customer's words stays text) and only balanced <mark> and </mark> — exactly
// those, no attributes — come back as tags.

const ENTITY = /&(?:amp|lt|gt|quot|#39|#x27|apos);/g;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&apos;': "'",
};

/** Escapes text for HTML (element content and attribute values). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The text of an escaped fragment: the few entities an escaper writes become characters. */
function unescape(text: string): string {
  return text.replace(ENTITY, (e) => ENTITIES[e] ?? e);
}

/**
 * A snippet safe for v-html: the text escaped, with <mark>…</mark> kept where the server put
 * them. Any other tag shows as text; a <mark> never closed is closed at the end, a stray
 * </mark> is dropped.
 */
export function safeSnippet(snippet: string): string {
  let out = '';
  let open = false;
  for (const part of snippet.split(/(<\/?mark>)/)) {
    if (part === '<mark>') {
      if (!open) {
        out += '<mark>';
        open = true;
      }
    } else if (part === '</mark>') {
      if (open) {
        out += '</mark>';
        open = false;
      }
    } else {
      out += escapeHtml(unescape(part));
    }
  }
  return open ? `${out}</mark>` : out;
}

/** The snippet as plain text (for a title attribute or a screen reader label). */
export function snippetText(snippet: string): string {
  return unescape(snippet.replace(/<\/?mark>/g, ''));
}

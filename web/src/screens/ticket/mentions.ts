// @mentions of agents in internal notes: finding what is being typed after `@`, inserting the
// chosen name, and cutting a note's text into plain and mention segments for display (text
// nodes only: a note is never turned into HTML here).

/** The longest name part typed after `@` that still looks for a name. */
const MAX_QUERY = 40;

export interface MentionQuery {
  /** Index of the `@`. */
  start: number;
  /** What follows the `@` up to the caret. */
  query: string;
}

function isBoundary(ch: string | undefined): boolean {
  return ch === undefined || /[\s([{"'“‘,;:]/u.test(ch);
}

/**
 * The mention being typed at `caret`, if any: an `@` at the start or after a space, followed by
 * up to 40 characters without a line break or another `@`.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || !isBoundary(before[at - 1])) {
    return null;
  }
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n@]/.test(query) || /^\s/.test(query)) {
    return null;
  }
  return { start: at, query };
}

/** Agents whose name matches `query` (any word starts with it, case and accents ignored). */
export function matchAgents<T extends { name: string }>(agents: readonly T[], query: string, locale: string): T[] {
  const q = query.trim().toLocaleLowerCase(locale);
  if (!q) {
    return [...agents];
  }
  return agents.filter((a) => {
    const name = a.name.toLocaleLowerCase(locale);
    return name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q));
  });
}

/** `text` with the mention from `start` to `caret` replaced by `@name `, and the new caret. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length };
}

export interface Segment {
  text: string;
  /** The agent's name when this segment is a mention of them. */
  mention?: string;
}

/**
 * Cuts `text` into plain and mention segments: `@Name` of one of `names` (longest first, so
 * "Meera Rao" wins over "Meera"), at the start or after a non-word character, and not followed
 * by a letter or digit.
 */
export function mentionSegments(text: string, names: readonly string[]): Segment[] {
  const sorted = [...new Set(names.filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '@' && (i === 0 || !/[\p{L}\p{N}_]/u.test(text[i - 1]!))) {
      const rest = text.slice(i + 1);
      const name = sorted.find(
        (n) =>
          rest.slice(0, n.length).toLocaleLowerCase() === n.toLocaleLowerCase() &&
          !/[\p{L}\p{N}\p{M}_]/u.test(rest[n.length] ?? ''),
      );
      if (name) {
        if (plain) {
          out.push({ text: plain });
          plain = '';
        }
        out.push({ text: text.slice(i, i + 1 + name.length), mention: name });
        i += 1 + name.length;
        continue;
      }
    }
    plain += text[i];
    i += 1;
  }
  if (plain) {
    out.push({ text: plain });
  }
  return out;
}

/** Whether `text` mentions any of `names`. */
export function hasMention(text: string, names: readonly string[]): boolean {
  return mentionSegments(text, names).some((s) => s.mention !== undefined);
}

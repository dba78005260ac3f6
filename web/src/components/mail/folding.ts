/**
 * Quoted history and signatures of a mail, found in the sanitised HTML the server sends, so
 * the message can show them folded. Display only: the stored message stays whole.
 *
 * HTML mail: the server's sanitiser (src/base/html_sanitizer.h) marks what mail clients wrote
 * as quoted with data-sahayak-quote: "1" folds that element (Gmail gmail_quote, Apple and
 * Thunderbird blockquote[type=cite] and moz-cite-prefix, Yahoo yahoo_quoted), "rest" folds it
 * and everything after it (Outlook divRplyFwdMsg / appendonsend), "sig" is a signature. HTML
 * without markers is also read for Outlook's header block ("From: … Sent: …") and
 * "-----Original Message-----".
 *
 * Plain-text mail (which the server turns into <p> paragraphs with <br> lines): a trailing
 * block of ">" lines with the attribution line before it ("On … wrote:", Hindi "… ने लिखा:",
 * Kannada "… ಬರೆದಿದ್ದಾರೆ:", or any line ending in ":" that names an address), Outlook's
 * "-----Original Message-----" or "From: … Sent: …" header block and all after it, and a
 * signature after a "-- " line.
 *
 * Never folds everything: when nothing readable would be left (a forward, a mail that is all
 * quote), nothing is folded. Forwarded messages are never folded.
 */

export type FoldKind = 'quote' | 'signature';

/**
 * Nodes to fold together, in document order, none inside another: a run of siblings, or for
 * "everything after" an element, it, its following siblings and those of its ancestors.
 */
export interface Fold {
  kind: FoldKind;
  nodes: Node[];
}

const QUOTE_ATTR = 'data-sahayak-quote';

const ATTRIBUTION = [
  /\bwrote:\s*$/i,
  /ने\s+लिखा\s*:\s*$/,
  /ಬರೆದಿದ್ದಾರೆ\s*:\s*$/,
  /ಬರೆದರು\s*:\s*$/,
  /\S+@\S+.*:\s*$/, // "<support@acme.in> a écrit :", "... <x@y> escribió:"
];
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(Original Message|मूल संदेश|ಮೂಲ ಸಂದೇಶ)\s*-{2,}\s*$/i;
const ORIGINAL_MESSAGE_START = /^\s*-{2,}\s*(Original Message|मूल संदेश|ಮೂಲ ಸಂದೇಶ)\s*-{2,}/i;
const OUTLOOK_FROM = /^\s*(\*\s*)?From:\s*\S/i;
const OUTLOOK_SENT = /^\s*(\*\s*)?(Sent|Date):\s*\S/i;
const FORWARDED = /^\s*(-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:)/i;

/** Text that a reader would see: anything but white space. */
function hasText(s: string | null | undefined): boolean {
  return !!s && /\S/.test(s.replace(/\u00a0/g, ' '));
}

function visibleContent(node: Node): boolean {
  if (node.nodeType === Node.TEXT_NODE) {
    return hasText(node.textContent);
  }
  if (node.nodeType !== Node.ELEMENT_NODE) {
    return false;
  }
  const el = node as Element;
  return hasText(el.textContent) || el.querySelector('img') !== null || el.tagName === 'IMG';
}

/** The plain-text lines of a mail the server turned into <p>…<br>…</p>, or null if not one. */
export function plainLines(root: Element): string[] | null {
  const lines: string[] = [];
  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE && !hasText(child.textContent)) {
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE || (child as Element).tagName !== 'P') {
      return null;
    }
    if (lines.length > 0) {
      lines.push('');
    }
    let line = '';
    for (const part of Array.from(child.childNodes)) {
      if (part.nodeType === Node.TEXT_NODE) {
        line += part.textContent ?? '';
      } else if (part.nodeType === Node.ELEMENT_NODE && (part as Element).tagName === 'BR') {
        lines.push(line);
        line = '';
      } else {
        return null;
      }
    }
    lines.push(line);
  }
  return lines;
}

export interface TextFolds {
  /** Index of the first line of the quoted history, or -1. */
  quote: number;
  /** Index of the signature's "-- " line, or -1. */
  signature: number;
}

const isQuoted = (line: string) => /^\s*>/.test(line);
const isBlank = (line: string) => !hasText(line);

/** Where the quoted history and the signature of plain-text `lines` start. */
export function findTextFolds(lines: string[]): TextFolds {
  let quote = -1;
  // A trailing block of ">" lines (blank lines may sit between them) …
  let i = lines.length - 1;
  while (i >= 0 && isBlank(lines[i]!)) i--;
  let start = -1;
  while (i >= 0 && (isQuoted(lines[i]!) || isBlank(lines[i]!))) {
    if (isQuoted(lines[i]!)) start = i;
    i--;
  }
  if (start >= 0) {
    quote = start;
    // … and the attribution line above it, maybe wrapped onto two lines.
    let j = start - 1;
    while (j >= 0 && isBlank(lines[j]!)) j--;
    if (j >= 0 && ATTRIBUTION.some((re) => re.test(lines[j]!))) {
      quote = j;
      if (j > 0 && /^\s*On\s/i.test(lines[j - 1]!) && !/^\s*On\s/i.test(lines[j]!)) {
        quote = j - 1;
      }
    }
  }
  // Outlook's header block or separator, whichever comes first.
  for (let k = 0; k < lines.length && (quote < 0 || k < quote); k++) {
    const line = lines[k]!;
    const outlook =
      OUTLOOK_FROM.test(line) && lines.slice(k + 1, k + 4).some((next) => OUTLOOK_SENT.test(next));
    if (ORIGINAL_MESSAGE.test(line) || outlook) {
      quote = k;
      break;
    }
  }
  if (quote >= 0 && lines.slice(quote).some((l) => FORWARDED.test(l) && !isQuoted(l))) {
    quote = -1;
  }
  if (quote >= 0 && !lines.slice(0, quote).some((l) => !isBlank(l))) {
    quote = -1; // all of it is quoted: show it
  }
  const end = quote >= 0 ? quote : lines.length;
  let signature = -1;
  for (let k = end - 1; k > 0; k--) {
    if (lines[k] === '-- ' || lines[k] === '--') {
      signature = k;
      break;
    }
  }
  if (signature >= 0 && !lines.slice(0, signature).some((l) => !isBlank(l))) {
    signature = -1;
  }
  return { quote, signature };
}

/** Paragraph elements for plain-text `lines` (as the server's PlainTextToHtml writes them). */
export function linesToNodes(doc: Document, lines: string[]): Node[] {
  const out: Node[] = [];
  let p: HTMLParagraphElement | null = null;
  for (const line of lines) {
    if (isBlank(line)) {
      p = null;
      continue;
    }
    if (p === null) {
      p = doc.createElement('p');
      out.push(p);
    } else {
      p.appendChild(doc.createElement('br'));
    }
    p.appendChild(doc.createTextNode(line));
  }
  return out;
}

/** The element and everything after it, up to (not including) `root`, in document order. */
function restFrom(el: Element, root: Element): Node[] {
  const out: Node[] = [];
  for (let n: Node | null = el; n; n = n.nextSibling) out.push(n);
  for (let parent = el.parentElement; parent && parent !== root; parent = parent.parentElement) {
    for (let n = parent.nextSibling; n; n = n.nextSibling) out.push(n);
  }
  return out;
}

/**
 * Outlook's quoted header block in HTML that has no marker: the first (so outermost) paragraph
 * or div that starts with "From:" and names the date and subject, or with "-----Original
 * Message-----".
 */
function outlookHeaderBlock(root: Element): Element | null {
  for (const el of Array.from(root.querySelectorAll('p, div'))) {
    const text = (el.textContent ?? '').trimStart();
    if (
      ORIGINAL_MESSAGE_START.test(text) ||
      (OUTLOOK_FROM.test(text) && /(Sent|Date):/i.test(text) && /Subject:/i.test(text))
    ) {
      return el;
    }
  }
  return null;
}

/** Whether folding `nodes` would leave something readable in `root`. */
function leavesSomething(root: Element, nodes: Set<Node>): boolean {
  const walk = (node: Node): boolean => {
    if (nodes.has(node)) return false;
    if (node.nodeType === Node.TEXT_NODE) return hasText(node.textContent);
    if (node.nodeType !== Node.ELEMENT_NODE) return false;
    if ((node as Element).tagName === 'IMG') return true;
    return Array.from(node.childNodes).some(walk);
  };
  return Array.from(root.childNodes).some(walk);
}

function isForward(nodes: Node[]): boolean {
  return nodes.some((n) => FORWARDED.test(n.textContent ?? ''));
}

/**
 * The folds of sanitised HTML in `root`, outermost first, each a run of siblings. Adjacent
 * quote markers (Thunderbird's attribution div and its blockquote) make one fold.
 */
export function findHtmlFolds(root: Element): Fold[] {
  const folds: Fold[] = [];
  const taken = new Set<Node>();
  // Marked elements already looked at, folded or not: what is inside a quote that could not
  // be folded (all of the mail, a forward) is not folded on its own either.
  const seen = new Set<Node>();
  const within = (el: Element) => {
    for (let p: Node | null = el; p && p !== root; p = p.parentNode) {
      if (taken.has(p) || seen.has(p)) return true;
    }
    return false;
  };
  const add = (kind: FoldKind, nodes: Node[]) => {
    nodes.forEach((n) => seen.add(n));
    if (nodes.length === 0 || (kind === 'quote' && isForward(nodes))) return;
    const all = new Set([...taken, ...nodes]);
    if (!leavesSomething(root, all)) return;
    nodes.forEach((n) => taken.add(n));
    folds.push({ kind, nodes });
  };

  const rest = root.querySelector(`[${QUOTE_ATTR}="rest"]`) ?? outlookHeaderBlock(root);
  if (rest && !within(rest)) add('quote', restFrom(rest, root));

  for (const el of Array.from(root.querySelectorAll(`[${QUOTE_ATTR}="1"], [${QUOTE_ATTR}="sig"]`))) {
    if (within(el)) continue;
    const kind: FoldKind = el.getAttribute(QUOTE_ATTR) === 'sig' ? 'signature' : 'quote';
    // Join the marked siblings that follow, with only white space or <br> between.
    const nodes: Node[] = [el];
    let next = el.nextSibling;
    const between: Node[] = [];
    while (next) {
      if (next.nodeType === Node.ELEMENT_NODE && (next as Element).getAttribute(QUOTE_ATTR) === el.getAttribute(QUOTE_ATTR)) {
        nodes.push(...between, next);
        between.length = 0;
      } else if (!visibleContent(next)) {
        between.push(next);
      } else {
        break;
      }
      next = next.nextSibling;
    }
    add(kind, nodes);
  }
  return folds;
}

/**
 * Finds the folds of the sanitised message HTML in `root`. Plain-text mail is rewritten into
 * paragraphs split where the folds start (same text, same markup as the server writes).
 */
export function prepareFolds(root: Element): Fold[] {
  const lines = plainLines(root);
  if (lines === null) {
    return findHtmlFolds(root);
  }
  const { quote, signature } = findTextFolds(lines);
  if (quote < 0 && signature < 0) {
    return [];
  }
  const doc = root.ownerDocument;
  const end = quote >= 0 ? quote : lines.length;
  const body = linesToNodes(doc, lines.slice(0, signature >= 0 ? signature : end));
  const sig = signature >= 0 ? linesToNodes(doc, lines.slice(signature, end)) : [];
  const quoted = quote >= 0 ? linesToNodes(doc, lines.slice(quote)) : [];
  root.replaceChildren(...body, ...sig, ...quoted);
  const folds: Fold[] = [];
  if (sig.length > 0) folds.push({ kind: 'signature', nodes: sig });
  if (quoted.length > 0) folds.push({ kind: 'quote', nodes: quoted });
  return folds;
}

export interface FoldLabels {
  show: (kind: FoldKind) => string;
  hide: (kind: FoldKind) => string;
}

/**
 * Moves each fold's nodes into a hidden region behind a toggle button (aria-expanded,
 * aria-controls; Enter and Space work as on any button). `idPrefix` makes the regions' ids
 * unique on the page. The toggles are wired by the caller (setFoldOpen on click).
 */
export function wrapFolds(folds: Fold[], idPrefix: string, labels: FoldLabels): void {
  folds.forEach((fold, n) => {
    const first = fold.nodes[0]!;
    const doc = first.ownerDocument!;
    const box = doc.createElement('div');
    box.className = `mail-fold mail-fold-${fold.kind}`;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'mail-fold-toggle';
    button.dataset.foldToggle = fold.kind;
    button.setAttribute('data-testid', 'mail-fold-toggle');
    const region = doc.createElement('div');
    region.id = `${idPrefix}-fold-${n}`;
    region.className = 'mail-folded';
    region.setAttribute('data-testid', 'mail-folded');
    button.setAttribute('aria-controls', region.id);
    first.parentNode!.insertBefore(box, first);
    for (const node of fold.nodes) region.appendChild(node);
    box.append(button, region);
    setFoldOpen(button, false, labels);
  });
}

/** Opens or closes the region of a toggle made by wrapFolds. */
export function setFoldOpen(button: HTMLElement, open: boolean, labels: FoldLabels): void {
  const kind = (button.dataset.foldToggle ?? 'quote') as FoldKind;
  button.setAttribute('aria-expanded', open ? 'true' : 'false');
  button.textContent = open ? labels.hide(kind) : labels.show(kind);
  const region = button.nextElementSibling;
  if (region instanceof HTMLElement && region.classList.contains('mail-folded')) {
    region.hidden = !open;
  }
}

/**
 * Remote images of a mail. The server's sanitiser writes every http(s) <img> without a src and
 * with the URL in data-remote-src (src/base/html_sanitizer.h), so opening a message fetches
 * nothing from the sender; these load them when an agent asks, for one message.
 */

const ATTR = 'data-remote-src';

/** The blocked remote images in `root`. */
export function blockedImages(root: ParentNode): HTMLImageElement[] {
  return Array.from(root.querySelectorAll<HTMLImageElement>(`img[${ATTR}]`));
}

/** Gives each blocked image in `root` its URL back (http and https only); returns how many. */
export function loadRemoteImages(root: ParentNode): number {
  let loaded = 0;
  for (const img of blockedImages(root)) {
    const url = img.getAttribute(ATTR) ?? '';
    img.removeAttribute(ATTR);
    if (/^https?:/i.test(url.trim())) {
      // Whoever serves the image learns nothing about the console's page.
      img.setAttribute('referrerpolicy', 'no-referrer');
      img.src = url.trim();
      loaded += 1;
    }
  }
  return loaded;
}

// The widget's CSS, inside its shadow root so neither the host page's styles nor ours leak.
// `--sw-color` (data-color) is set on the host element; the rest is fixed.
export const CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.sw {
  --accent: var(--sw-color, #2457c5);
  position: fixed; bottom: 20px; right: 20px; z-index: 2147483000; color: #1f2328;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
    "Noto Sans Devanagari", "Noto Sans Kannada", sans-serif;
}
.sw.left { right: auto; left: 20px; }
button { font: inherit; cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
:focus-visible { outline: 3px solid #e8a400; outline-offset: 2px; }
svg { width: 24px; height: 24px; fill: currentColor; }
.launcher {
  width: 56px; height: 56px; border-radius: 50%; border: 0; position: relative;
  background: var(--accent); color: #fff; box-shadow: 0 4px 14px rgba(0, 0, 0, .25);
  display: flex; align-items: center; justify-content: center;
}
.launcher svg { width: 28px; height: 28px; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 6px;
  border-radius: 10px; background: #c62828; color: #fff; font-size: 12px; line-height: 20px;
}
.badge:empty { display: none; }
.panel {
  position: absolute; bottom: 72px; right: 0; width: 370px; max-width: calc(100vw - 40px);
  height: 560px; max-height: calc(100vh - 110px); display: flex; flex-direction: column;
  background: #fff; border-radius: 12px; box-shadow: 0 8px 30px rgba(0, 0, 0, .25);
  overflow: hidden;
}
.left .panel { right: auto; left: 0; }
.panel[hidden] { display: none; }
.head {
  background: var(--accent); color: #fff; padding: 12px 8px 12px 14px;
  display: flex; align-items: flex-start; gap: 8px;
}
.head h2 { font-size: 17px; margin: 0; font-weight: 600; }
.head p { margin: 2px 0 0; font-size: 13px; }
.head p:empty { display: none; }
.head button {
  margin-left: auto; background: transparent; border: 0; color: inherit;
  width: 40px; height: 40px; border-radius: 8px; flex: none;
}
.banner { background: #fff4ce; padding: 6px 14px; font-size: 13px; margin: 0; }
.banner:empty { display: none; }
.body { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.log {
  flex: 1; overflow-y: auto; list-style: none; margin: 0; padding: 12px;
  display: flex; flex-direction: column; gap: 8px;
}
.msg {
  max-width: 85%; align-self: flex-start; background: #f0f2f5; border-radius: 12px;
  padding: 8px 10px;
}
.msg.mine { align-self: flex-end; background: #e3ecfd; }
.who { font-size: 12px; font-weight: 600; display: block; color: #3d434b; }
.text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.text:empty { display: none; }
.meta { display: block; font-size: 11px; color: #4f5661; margin-top: 2px; }
.failed .meta { color: #b3261e; }
.note { align-self: center; font-size: 12px; color: #4f5661; text-align: center; }
.files { list-style: none; margin: 4px 0 0; padding: 0; font-size: 13px; }
.files:empty { display: none; }
a, .link { color: #1a4fb8; }
.link { background: none; border: 0; text-decoration: underline; padding: 0; font-size: 12px; }
.typing {
  min-height: 1.4em; margin: 0; padding: 0 14px; font-size: 12px; color: #4f5661;
  font-style: italic;
}
.composer {
  border-top: 1px solid #d0d7de; padding: 8px; display: flex; gap: 4px; align-items: flex-end;
}
textarea, input {
  font: inherit; font-size: 16px; border: 1px solid #8a8f98; border-radius: 8px; padding: 8px;
  width: 100%; color: inherit; background: #fff;
}
textarea { resize: none; min-height: 42px; max-height: 120px; }
.composer textarea { flex: 1; }
[aria-invalid=true] { border-color: #b3261e; }
.primary {
  background: var(--accent); color: #fff; border: 0; border-radius: 8px; padding: 9px 14px;
  font-weight: 600;
}
.icon {
  background: transparent; border: 0; width: 42px; height: 42px; border-radius: 8px;
  color: #3d434b; flex: none;
}
.composer .primary { width: 42px; height: 42px; padding: 0; flex: none; }
.form { padding: 14px; overflow-y: auto; display: flex; flex-direction: column; gap: 10px; }
.form label { font-size: 13px; font-weight: 600; display: flex; flex-direction: column; gap: 4px; }
.intro { margin: 0; padding: 12px 14px 0; }
.form .intro { padding: 0; }
.err { color: #b3261e; font-size: 12px; margin: 0; font-weight: 400; }
.err:empty { display: none; }
.chips {
  list-style: none; margin: 0; padding: 4px 8px 0; display: flex; flex-wrap: wrap; gap: 4px;
  font-size: 12px;
}
.chips:empty { display: none; }
.chips li {
  background: #eef1f6; border-radius: 12px; padding: 2px 2px 2px 8px;
  display: flex; align-items: center; gap: 2px;
}
.chips .icon { width: 26px; height: 26px; }
.chips svg { width: 16px; height: 16px; }
.end {
  padding: 12px; border-top: 1px solid #d0d7de; display: flex; flex-direction: column; gap: 8px;
  align-items: center; text-align: center;
}
.sr {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap;
}
@media (max-width: 480px) {
  .sw { bottom: 12px; right: 12px; }
  .sw.left { left: 12px; }
  .panel {
    position: fixed; inset: 0; width: auto; height: auto; max-width: none; max-height: none;
    border-radius: 0;
  }
  .sw.open .launcher { display: none; }
}
@media (prefers-reduced-motion: no-preference) {
  .panel { animation: sw-in .15s ease-out; }
}
@keyframes sw-in { from { opacity: 0; transform: translateY(8px); } }
`;

/** Attaches the CSS: a constructed sheet where supported (not subject to the host page's
 * `style-src` CSP), else a <style> element. */
export function applyStyles(root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // older browsers, jsdom
  }
  const style = document.createElement('style');
  style.textContent = CSS;
  root.append(style);
}

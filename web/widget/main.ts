// widget.js: `<script src="https://help.example.com/widget.js" data-key="wk_…" async>`.
// Finds its own tag while it runs, then shows the widget once the page has a body.
import { findScript, readConfig } from './config';
import { browserEnv } from './env';
import { createWidget } from './widget';

const script = findScript(document);
const config = script && readConfig(script, document, navigator.language);

function mount(): void {
  if (!config) {
    console.warn('sahayak widget: the script tag needs a data-key');
    return;
  }
  if (document.querySelector(`[data-sahayak-chat="${CSS.escape(config.key)}"]`)) {
    return; // the tag is on the page twice
  }
  createWidget(config, browserEnv());
}

if (document.body) {
  mount();
} else {
  document.addEventListener('DOMContentLoaded', mount, { once: true });
}

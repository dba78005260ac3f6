// Prints dist/widget.js's gzipped size and fails the build over the budget (the widget loads
// on every page of a customer's site, so it must stay small) or when the file is not one IIFE.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const LIMIT = 30 * 1024;
// Vite puts helper code (lowered class fields, for one) before the IIFE, where it would define
// globals on the host page.
const IIFE = /^\(function\(\)\{|^\(\(\)=>\{/;
const path = new URL('../dist/widget.js', import.meta.url);
const raw = readFileSync(path);
const gz = gzipSync(raw, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);
console.log(`widget.js: ${kb(raw.length)} KB, ${kb(gz)} KB gzipped (limit ${kb(LIMIT)} KB)`);
if (!IIFE.test(raw.toString('utf8', 0, 16))) {
  console.error('widget.js does not start with its IIFE: it would leak globals into the page');
  process.exit(1);
}
if (gz > LIMIT) {
  console.error('widget.js is over its size budget');
  process.exit(1);
}

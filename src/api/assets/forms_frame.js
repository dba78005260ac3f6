// Inside a web form's frame: tells the embedding page (forms_embed.js) how tall the form is,
// whenever that changes. The height is all it sends.
(function () {
  'use strict';
  if (window.parent === window) return;
  var last = 0;
  function send() {
    var h = Math.ceil(document.documentElement.scrollHeight);
    if (h === last) return;
    last = h;
    window.parent.postMessage({ type: 'sahayak-form-height', height: h }, '*');
  }
  window.addEventListener('load', send);
  if (window.ResizeObserver) {
    new ResizeObserver(send).observe(document.body);
  } else {
    setInterval(send, 500);
  }
  send();
})();

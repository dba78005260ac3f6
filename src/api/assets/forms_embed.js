// Sahayak web form embed (docs/web-forms.md). A business pastes
//   <script src="https://help.example.in/forms/embed.js" data-sahayak-form="KEY" async></script>
// into its page; this puts the form there in an iframe (optional data-lang="hi", data-title)
// and sizes the frame to the height the form reports by postMessage.
(function () {
  'use strict';
  var langs = ['en', 'hi', 'kn'];
  var scripts = document.querySelectorAll('script[data-sahayak-form]');
  for (var i = 0; i < scripts.length; i++) mount(scripts[i]);

  function mount(s) {
    if (s.getAttribute('data-sahayak-mounted')) return;
    s.setAttribute('data-sahayak-mounted', '1');
    var key = s.getAttribute('data-sahayak-form') || '';
    var origin = new URL(s.src, location.href).origin;
    var lang = (s.getAttribute('data-lang') || document.documentElement.lang || '')
      .slice(0, 2).toLowerCase();
    var frame = document.createElement('iframe');
    frame.src = origin + '/forms/' + encodeURIComponent(key) +
      (langs.indexOf(lang) >= 0 ? '?lang=' + lang : '');
    frame.title = s.getAttribute('data-title') || 'Contact form';
    frame.style.cssText = 'display:block;width:100%;min-height:200px;height:640px;border:0';
    s.parentNode.insertBefore(frame, s.nextSibling);
    // A new page in the frame (the thanks page after sending) starts at its top: bring the
    // frame's top into view when the visitor had scrolled past it.
    frame.addEventListener('load', function () {
      var top = frame.getBoundingClientRect().top;
      if (top < 0) window.scrollBy(0, top);
    });
    window.addEventListener('message', function (e) {
      if (e.origin !== origin || e.source !== frame.contentWindow) return;
      var d = e.data;
      if (!d || d.type !== 'sahayak-form-height' || typeof d.height !== 'number') return;
      frame.style.height = Math.min(Math.max(Math.ceil(d.height), 200), 10000) + 'px';
    });
  }
})();

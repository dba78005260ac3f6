// Article suggestions under a new request's subject (docs/web-forms.md, "Deflection").
// Markup: <input data-deflect="portal|web_form">, then <div data-deflect-box hidden><ul
// data-deflect-list></ul></div>, and <input type="hidden" name="deflection"> in the form.
(function () {
  'use strict';
  var inputs = document.querySelectorAll('input[data-deflect]');
  for (var i = 0; i < inputs.length; i++) wire(inputs[i]);

  function following(input) {
    var lists = document.querySelectorAll('[data-deflect-list]');
    for (var i = 0; i < lists.length; i++) {
      if (input.compareDocumentPosition(lists[i]) & Node.DOCUMENT_POSITION_FOLLOWING) {
        return lists[i];
      }
    }
    return null;
  }

  function wire(input) {
    var list = following(input);
    if (!list) return;
    var box = list.closest('[data-deflect-box]') || list;
    var hidden = input.form ? input.form.querySelector('input[name="deflection"]') : null;
    var source = input.getAttribute('data-deflect') === 'portal' ? 'portal' : 'web_form';
    var holder = input.closest('[lang]');
    var lang = (holder && holder.getAttribute('lang')) || 'en';
    var timer = 0;
    var seq = 0;
    var last = '';
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 300);
    });

    function run() {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      var mine = ++seq;
      if (q.length < 2) {
        show([]);
        return;
      }
      var url = '/help/suggest?q=' + encodeURIComponent(q) + '&lang=' +
        encodeURIComponent(lang) + '&source=' + source;
      if (hidden && hidden.value) url += '&d=' + encodeURIComponent(hidden.value);
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data || mine !== seq) return;
          if (hidden && data.deflection) hidden.value = data.deflection;
          show(data.articles || []);
        })
        .catch(function () {});
    }

    function show(articles) {
      while (list.firstChild) list.removeChild(list.firstChild);
      var shown = 0;
      for (var i = 0; i < articles.length; i++) {
        var a = articles[i];
        if (typeof a.url !== 'string' || a.url.indexOf('/help/') !== 0) continue;
        var li = document.createElement('li');
        var link = document.createElement('a');
        link.href = a.url;
        link.target = '_blank';
        link.rel = 'noopener';
        link.textContent = String(a.title || '');
        li.appendChild(link);
        if (a.snippet) {
          var p = document.createElement('p');
          p.textContent = String(a.snippet);
          li.appendChild(p);
        }
        list.appendChild(li);
        shown++;
      }
      box.hidden = shown === 0;
    }
  }
})();

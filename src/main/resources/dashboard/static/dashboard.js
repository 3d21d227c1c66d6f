// The dashboard's few scripts: sign-in (the token goes once, in a header, to POST /dashboard/session, which answers
// with an HttpOnly session cookie; the token is not kept), and live updates of the run list and a run page from
// /dashboard/events (server-sent events, authenticated by that cookie).
(function () {
  'use strict';
  var page = document.body.getAttribute('data-page');

  function signIn() {
    var form = document.getElementById('sign-in');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var field = document.getElementById('token');
      var token = field.value.trim();
      var error = document.getElementById('error');
      error.textContent = '';
      fetch('/dashboard/session', { method: 'POST', credentials: 'same-origin', headers: { 'Authorization': 'Bearer ' + token } })
        .then(function (r) {
          return r.json().catch(function () { return {}; }).then(function (body) {
            if (!r.ok) { throw new Error(body.error || ('sign-in failed: HTTP ' + r.status)); }
            field.value = '';
            var next = new URLSearchParams(location.search).get('next');
            // only a dashboard path: never send a signed-in browser to another site
            location.assign(next && /^\/dashboard(\/|$)/.test(next) && next.indexOf('//') < 0 ? next : '/dashboard');
          });
        })
        .catch(function (err) { error.textContent = err.message; });
    });
  }

  function cell(tr, cls, text) {
    var td = document.createElement('td');
    td.className = cls;
    if (text !== undefined) { td.textContent = text; }
    tr.appendChild(td);
    return td;
  }

  function link(href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    return a;
  }

  function phase(text) {
    var s = document.createElement('span');
    s.className = 'phase phase-' + text;
    s.textContent = text;
    return s;
  }

  function path(r) {
    return encodeURIComponent(r.namespace) + '/' + encodeURIComponent(r.name);
  }

  function row(r) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-key', r.namespace + '/' + r.name);
    tr.setAttribute('data-phase', r.phase);
    cell(tr, 'ns', r.namespace);
    cell(tr, 'name').appendChild(link('/dashboard/runs/' + path(r), r.name));
    cell(tr, 'suite').appendChild(link('/dashboard/suites/' + encodeURIComponent(r.namespace) + '/' + encodeURIComponent(r.suite), r.suite));
    cell(tr, 'phase').appendChild(phase(r.phase));
    ['total', 'passed', 'failed', 'errored'].forEach(function (k) { cell(tr, k, String(r[k])); });
    cell(tr, 'rate', r.passRate);
    cell(tr, 'duration', r.duration);
    cell(tr, 'started', r.startTime);
    return tr;
  }

  function find(tbody, key) {
    var rows = tbody.querySelectorAll('tr');
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute('data-key') === key) { return rows[i]; }
    }
    return null;
  }

  function live(onRun, onRemoved) {
    var source = new EventSource('/dashboard/events');
    source.addEventListener('run', function (e) { onRun(JSON.parse(e.data)); });
    source.addEventListener('removed', function (e) { onRemoved(e.data); });
    source.onerror = function () {
      var l = document.getElementById('live');
      if (l) { l.textContent = 'Live updates interrupted; reconnecting.'; }
    };
    source.onopen = function () {
      var l = document.getElementById('live');
      if (l) { l.textContent = 'Updates live.'; }
    };
  }

  function runs() {
    var tbody = document.querySelector('#runs tbody');
    live(function (r) {
      var key = r.namespace + '/' + r.name;
      var old = find(tbody, key);
      var fresh = row(r);
      if (old) { tbody.replaceChild(fresh, old); } else { tbody.insertBefore(fresh, tbody.firstChild); }
      document.getElementById('empty').hidden = true;
    }, function (key) {
      var old = find(tbody, key);
      if (old) { tbody.removeChild(old); }
    });
  }

  function run() {
    var root = document.getElementById('run');
    var key = root.getAttribute('data-key');
    var finished = root.getAttribute('data-finished') === 'true';
    live(function (r) {
      if (r.namespace + '/' + r.name !== key) { return; }
      var p = document.getElementById('phase');
      p.textContent = r.phase;
      p.className = 'phase phase-' + r.phase;
      ['total', 'passed', 'failed', 'errored', 'skipped', 'flaky'].forEach(function (k) {
        document.getElementById(k).textContent = String(r[k]);
      });
      document.getElementById('rate').textContent = r.passRate;
      document.getElementById('duration').textContent = r.duration;
      // the cases, failures and logs are rendered by the server: show them once the run has finished
      if (r.finished && !finished) { location.reload(); }
    }, function () {});
  }

  if (page === 'sign-in') { signIn(); }
  if (page === 'runs') { runs(); }
  if (page === 'run') { run(); }
})();

// SPDX-License-Identifier: Apache-2.0
/* floorscan report.html: filters, deep links and lazily built rule tables. Hashed into the
 * page's Content-Security-Policy; device text only ever reaches the page as textContent. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('fs-data').textContent);
  var ST = D.statuses, SEV = D.severities, rules = D.rules, hosts = D.hosts, WV = D.waivers || [];
  var KEYS = ['status', 'severity', 'principle', 'host', 'zone', 'role', 'q'];
  var F = {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function sec(i) { return document.getElementById('host-' + i); }
  function dec(s) {
    try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch (e) { return s; }
  }
  function lc(s) { return (s || '').toLowerCase(); }
  function rowFilter() { return !!(F.status || F.severity || F.principle || F.q); }

  /* A result is waived when it has a fourth element (its waiver's index in D.waivers, -1 for
   * one the register does not hold). Status filter values:
   *   a status name (fail, error ...): the raw status, waived or not. A waiver never changes a
   *     result, so "fail" lists every failed check, the waived ones marked as such;
   *   waived: every waived result, whatever its raw status (the auditor's list of waivers used);
   *   open: fail, error or unknown results no waiver covers (what is left to fix). */
  function waived(res) { return res.length > 3; }
  function waiverOf(res) { return waived(res) && res[3] >= 0 ? WV[res[3]] : null; }
  function statusMatch(res) {
    var st = ST[res[1]], w = waived(res);
    return F.status.some(function (v) {
      if (v === 'waived') return w;
      if (v === 'open') return !w && (st === 'fail' || st === 'error' || st === 'unknown');
      return v === st;
    });
  }
  function rowMatch(res) {
    var r = rules[res[0]];
    if (F.status && !statusMatch(res)) return false;
    if (F.severity && F.severity.indexOf(SEV[r.s]) < 0) return false;
    if (F.principle && F.principle.indexOf('P' + (r.p + 1)) < 0) return false;
    if (F.q) {
      var wv = waiverOf(res);
      var hay = lc(r.id + ' ' + r.t + ' ' + (res[2] || '') + (wv ? ' ' + wv.slice(0, 8).join(' ') : ''));
      for (var k = 0; k < F.q.length; k++) if (hay.indexOf(lc(F.q[k])) < 0) return false;
    }
    return true;
  }
  function hostMatch(h) {
    if (F.host && !F.host.some(function (v) { return lc(h.n).indexOf(lc(v)) >= 0; })) return false;
    if (F.zone && F.zone.indexOf(h.z || '') < 0) return false;
    if (F.role && F.role.indexOf(h.r || '') < 0) return false;
    return true;
  }

  function para(label, text) {
    var p = el('p');
    p.appendChild(el('b', null, label + ': '));
    p.appendChild(document.createTextNode(text));
    return p;
  }
  function table(heads) {
    var t = el('table'), tr = el('tr');
    heads.forEach(function (x) { tr.appendChild(el('th', null, x)); });
    t.appendChild(el('thead')).appendChild(tr);
    t.tb = t.appendChild(el('tbody'));
    return t;
  }
  function row(i, j) {
    var h = hosts[i], res = h.res[j], r = rules[res[0]], st = ST[res[1]];
    var tr = el('tr');
    tr.id = 'r' + i + '-' + r.id;
    tr.dataset.status = st;
    tr.dataset.x = j;
    var c = el('td');
    c.appendChild(el('span', 'st st-' + st, st));
    if (waived(res)) {
      tr.className = 'waived';
      c.appendChild(document.createTextNode(' '));
      c.appendChild(el('span', 'st st-waived badge', 'waived'));
    }
    tr.appendChild(c);
    tr.appendChild(el('td', null, SEV[r.s]));
    var td = el('td'), det = el('details'), sum = el('summary'), a = el('a', null, r.id);
    a.href = '#' + encodeURIComponent(h.n) + '/' + r.id;
    a.title = 'Link to this result (paste into a ticket)';
    sum.appendChild(a);
    sum.appendChild(document.createTextNode(' P' + (r.p + 1) + ' \u2014 ' + r.t));
    det.appendChild(sum);
    if (r.q) det.appendChild(para('Question', r.q));
    if (r.d) det.appendChild(para('Description', r.d));
    if (r.f) det.appendChild(para('Fix', r.f));
    if (r.refs.length)
      det.appendChild(para('References', r.refs.map(function (x) { return x[0] + ' ' + x[1]; }).join('; ')));
    td.appendChild(det);
    tr.appendChild(td);
    var ev = el('td', 'ev', res[2] || '');
    if (h.since && h.since[j]) ev.appendChild(el('span', 'since', 'failing since ' + h.since[j]));
    if (waived(res)) ev.appendChild(waiverBox(waiverOf(res)));
    tr.appendChild(ev);
    return tr;
  }
  /* The waiver beside the evidence: who asked, who approved, why, until when. */
  function waiverBox(w) {
    var box = el('div', 'wv');
    box.appendChild(el('b', null, 'Waived' + (w ? ' (' + w[8] + ')' : '')));
    if (!w) {
      box.appendChild(el('p', null, 'The waiver is not in the register.'));
      return box;
    }
    var dl = el('dl');
    [['Reason', w[1]], ['Requested by', w[2]], ['Approved by', w[3]], ['Approved', w[4]],
     ['Expires', w[5]], ['Ticket', w[6]], ['Compensating control', w[7]], ['Waiver rule', w[0]]]
      .forEach(function (x) {
        if (!x[1]) return;
        dl.appendChild(el('dt', null, x[0]));
        dl.appendChild(el('dd', x[0] === 'Expires' ? 'wst wst-' + w[8] : null, x[1]));
      });
    box.appendChild(dl);
    return box;
  }
  function render(i) {
    var s = sec(i);
    if (!s || s.dataset.done) return;
    s.dataset.done = '1';
    var h = hosts[i], box = s.querySelector('.rules');
    if (!box || !h.res.length) return;
    var auto = table(['Status', 'Severity', 'Rule', 'Evidence']);
    var man = table(['Status', 'Severity', 'Question', 'Notes']);
    var na = 0, nm = 0;
    for (var j = 0; j < h.res.length; j++) {
      if (rules[h.res[j][0]].m) { man.tb.appendChild(row(i, j)); nm++; }
      else { auto.tb.appendChild(row(i, j)); na++; }
    }
    box.appendChild(el('h3', null, 'Rules checked (' + na + ')'));
    box.appendChild(auto);
    if (nm) {
      box.appendChild(el('h3', 'q', 'Questions for the auditor (' + nm + ')'));
      box.appendChild(man);
    }
    rows(i);
  }
  function rows(i) {
    var s = sec(i), h = hosts[i];
    if (!s || !s.dataset.done) return;
    var trs = s.querySelectorAll('tr[data-x]');
    for (var k = 0; k < trs.length; k++) trs[k].hidden = !rowMatch(h.res[+trs[k].dataset.x]);
  }
  function apply() {
    var rf = rowFilter(), shown = 0;
    for (var i = 0; i < hosts.length; i++) {
      var h = hosts[i], s = sec(i), n = 0;
      if (!s) continue;
      if (rf) for (var j = 0; j < h.res.length; j++) if (rowMatch(h.res[j])) n++;
      var vis = hostMatch(h) && (!rf || n > 0);
      s.hidden = !vis;
      if (vis) shown++;
      var cnt = s.querySelector('.cnt');
      if (cnt) cnt.textContent = rf ? n + ' of ' + h.res.length + ' results match' : '';
      var hr = document.getElementById('heat-' + i);
      if (hr) hr.hidden = !hostMatch(h);
      rows(i);
    }
    var info = document.getElementById('f-info');
    if (info) info.textContent = shown + ' of ' + hosts.length + ' hosts shown';
  }
  function sync() {
    KEYS.forEach(function (k) {
      var c = document.getElementById('f-' + k);
      if (c) c.value = F[k] ? F[k].join('|') : '';
    });
  }
  function fromControls() {
    var f = {};
    KEYS.forEach(function (k) {
      var c = document.getElementById('f-' + k);
      var v = c ? c.value.trim() : '';
      if (v) f[k] = v.split('|').filter(Boolean);
    });
    F = f;
    var parts = [];
    KEYS.forEach(function (k) {
      if (F[k]) parts.push(k + ':' + F[k].map(encodeURIComponent).join('|'));
    });
    history.replaceState(null, '', parts.length ? '#filter=' + parts.join(';') : location.pathname);
    apply();
  }
  function parseFilter(s) {
    var f = {};
    s.split(';').forEach(function (t) {
      var c = t.indexOf(':');
      if (c <= 0) return;
      var k = dec(t.slice(0, c));
      if (KEYS.indexOf(k) < 0) return;
      var v = t.slice(c + 1).split('|').map(dec).filter(Boolean);
      if (v.length) f[k] = v;
    });
    return f;
  }
  function openHost(i) {
    var s = sec(i);
    if (!s) return null;
    render(i);
    s.open = true;
    return s;
  }
  function focus(name, rule) {
    var i = -1;
    for (var k = 0; k < hosts.length; k++) if (hosts[k].n === name) { i = k; break; }
    if (i < 0) return false;
    F = {};
    sync();
    apply();
    var s = openHost(i), target = s;
    var old = document.querySelectorAll('tr.hl');
    for (var m = 0; m < old.length; m++) old[m].classList.remove('hl');
    if (rule) {
      var tr = document.getElementById('r' + i + '-' + rule);
      if (tr) {
        tr.classList.add('hl');
        tr.querySelector('details').open = true;
        target = tr;
      }
    }
    if (target) target.scrollIntoView({block: 'center'});
    return true;
  }
  function route() {
    var h = location.hash.slice(1);
    if (h.indexOf('filter=') === 0) {
      F = parseFilter(h.slice(7));
      sync();
      apply();
      return;
    }
    var m = /^host-(\d+)$/.exec(h);
    if (m) {
      var s = openHost(+m[1]);
      if (s) s.scrollIntoView();
      return;
    }
    var k = h.indexOf('/');
    if (k > 0) focus(dec(h.slice(0, k)), dec(h.slice(k + 1)));
    else if (h && !focus(dec(h), '')) {
      /* not a host: a section of the page (#drift, #waivers) */
      apply();
      var e = document.getElementById(dec(h));
      if (e) e.scrollIntoView();
    }
  }

  document.addEventListener('toggle', function (e) {
    var t = e.target;
    if (t.classList && t.classList.contains('host') && t.open) render(+t.dataset.i);
  }, true);
  KEYS.forEach(function (k) {
    var c = document.getElementById('f-' + k);
    if (c) c.addEventListener(c.tagName === 'SELECT' ? 'change' : 'input', fromControls);
  });
  function all(open) {
    for (var i = 0; i < hosts.length; i++) {
      var s = sec(i);
      if (!s || s.hidden) continue;
      if (open) render(i);
      s.open = open;
    }
  }
  var b = document.getElementById('expand');
  if (b) b.addEventListener('click', function () { all(true); });
  b = document.getElementById('collapse');
  if (b) b.addEventListener('click', function () { all(false); });
  window.addEventListener('beforeprint', function () { all(true); });
  window.addEventListener('hashchange', route);
  var opened = document.querySelectorAll('details.host[open]');
  for (var o = 0; o < opened.length; o++) render(+opened[o].dataset.i);
  route();
  if (!location.hash) apply();
})();

// pcdocket: the search box of the private case site.
//
// The index is built with the site (generator/site, search.go): a script
// that sets window.pcdIndex, loaded by <script src> when the box is first
// used, because a page opened from file:// may run another file but not
// fetch it. In an encrypted site (generator/vault) the index is encrypted
// too, and window.pcvVault opens it with the keys the page was opened with:
// the coordinator's pages load the index of every case, a parent's pages
// their own case's.
//
// A query matches an entry when every word of it appears somewhere in the
// entry or its case (title, question, summary, clauses, parties' names,
// court case number), ignoring case and accents; words found in the title
// rank higher. A plain scan of the strings: at 10,000 issues it answers in
// a few milliseconds, so no index structure or library is needed.
// No requests other than the site's own files.
"use strict";
(function () {
  var MAX = 50; // results shown
  var PREFIX = "window.pcdIndex=";
  var KINDS = { "case": "Case", issue: "Issue", clause: "Clause" };
  var FOLD = { "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "’": "'", "‘": "'" };

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[łđøæœßı’‘]/g, function (c) { return FOLD[c]; });
  }

  var form, input, panel, status, list, root = "";
  var entries = null, loading = null;

  // prepare turns the index into one folded string per entry.
  function prepare(idx) {
    var out = [];
    idx.cases.forEach(function (c) {
      var caseText = fold([c.t, c.n, c.p].join(" \u0001 "));
      c.d.forEach(function (d) {
        out.push({ kind: d[0], title: d[1], href: d[2], status: d[4], caseTitle: c.t, caseNo: c.n,
          ftitle: fold(d[1]), hay: fold(d[1] + " \u0001 " + d[3]) + " \u0001 " + caseText });
      });
    });
    return out;
  }

  function chooseIndex() {
    var spans = document.querySelectorAll("[data-pcd-index]");
    var vault = window.pcvVault;
    var order = ["all", "case"];
    for (var k = 0; k < order.length; k++) {
      for (var i = 0; i < spans.length; i++) {
        var s = spans[i];
        if (s.getAttribute("data-pcd-index") !== order[k]) continue;
        if (!vault || vault.has(s.getAttribute("data-pcv-kid"))) return s.getAttribute("data-src");
      }
    }
    return null;
  }

  function load() {
    if (loading) return loading;
    var src = chooseIndex(), started = performance.now();
    loading = new Promise(function (resolve, reject) {
      if (!src) { reject(new Error("no index")); return; }
      if (window.pcvVault) {
        window.pcvVault.load(src).then(function (text) {
          resolve(JSON.parse(text.slice(PREFIX.length, text.lastIndexOf(";"))));
        }, reject);
        return;
      }
      if (window.pcdIndex) { resolve(window.pcdIndex); return; }
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { window.pcdIndex ? resolve(window.pcdIndex) : reject(new Error("empty index")); };
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    }).then(function (idx) {
      entries = prepare(idx);
      window.pcdLoadMs = performance.now() - started; // for measurements
      return entries;
    });
    loading.catch(function () { say("Search is not available on this page."); });
    return loading;
  }

  function say(text) { status.textContent = text; panel.hidden = false; }

  // search returns the entries that hold every word of q, best first.
  function search(q) {
    var words = fold(q).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i], score = 0;
      for (var w = 0; w < words.length; w++) {
        if (e.hay.indexOf(words[w]) < 0) { score = -1; break; }
        var t = e.ftitle.indexOf(words[w]);
        if (t >= 0) score += (t === 0 || /[^a-z0-9]/.test(e.ftitle.charAt(t - 1))) ? 3 : 2;
      }
      if (score >= 0) hits.push({ e: e, score: score + (e.kind === "case" ? 1 : 0), i: i });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
    return hits;
  }

  function show(q) {
    var started = performance.now();
    var hits = search(q);
    list.textContent = "";
    hits.slice(0, MAX).forEach(function (h) {
      var e = h.e, li = document.createElement("li"), a = document.createElement("a");
      a.href = root + e.href;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = KINDS[e.kind] || e.kind;
      a.appendChild(kind);
      a.appendChild(document.createTextNode(" " + e.title));
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = (e.kind === "case" ? e.caseNo : e.caseTitle + " · " + e.caseNo) + (e.status ? " · " + e.status : "");
      li.appendChild(meta);
      list.appendChild(li);
    });
    window.pcdSearchMs = performance.now() - started;
    if (!q.trim()) { close(); return; }
    var n = hits.length;
    say(n === 0 ? "No results for “" + q + "”." :
      (n === 1 ? "1 result" : n + " results") + (n > MAX ? ", the first " + MAX + " shown" : "") + ". Press the down arrow to move through them.");
  }

  function close() { panel.hidden = true; list.textContent = ""; status.textContent = ""; }

  function run() {
    var q = input.value;
    if (!q.trim()) { close(); return; }
    if (entries) { show(q); return; }
    say("Loading the index…");
    load().then(function () { if (input.value === q) show(q); });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  function init() {
    form = document.getElementById("pcd-search");
    if (!form || form.getAttribute("data-pcd-ready")) return;
    form.setAttribute("data-pcd-ready", "1");
    input = document.getElementById("pcd-q");
    panel = document.getElementById("pcd-panel");
    status = document.getElementById("pcd-status");
    list = document.getElementById("pcd-results");
    root = window.pcvVault ? "" : (form.getAttribute("data-root") || "");
    if (!chooseIndex()) return; // nothing this reader may search
    form.hidden = false;
    input.addEventListener("focus", function () { load(); });
    input.addEventListener("input", run);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = links()[0];
      if (first) first.click();
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" && links().length) { ev.preventDefault(); links()[0].focus(); }
      if (ev.key === "Escape") { input.value = ""; close(); }
    });
    list.addEventListener("keydown", function (ev) {
      var all = links(), i = all.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && i < all.length - 1) { ev.preventDefault(); all[i + 1].focus(); }
      if (ev.key === "ArrowUp") { ev.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
      if (ev.key === "Escape") { ev.preventDefault(); close(); input.focus(); }
    });
    window.pcdSearch = function (q) { // for tests and measurements
      return load().then(function () { input.value = q; show(q); return window.pcdSearchMs; });
    };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

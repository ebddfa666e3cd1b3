// pcdocket serve: live reload and the error overlay. Injected into served
// HTML pages only; never part of the built site.
(function () {
  "use strict";
  var seen = null; // "server/generation" of the site this page shows
  var id = "pcdocket-overlay";
  var dismissed = null; // the errors the reader dismissed, as JSON

  // The overlay is a live region (role=alert), so a screen reader reads
  // the errors as they come; Escape or its button dismisses it until the
  // errors change. It does not take the focus: the coordinator is typing
  // in an editor, not here.
  function show(errors) {
    var old = document.getElementById(id);
    if (old) old.remove();
    if (!errors || errors.length === 0) { dismissed = null; return; }
    if (JSON.stringify(errors) === dismissed) return;
    var box = document.createElement("div");
    box.id = id;
    box.setAttribute("role", "alert");
    box.setAttribute("data-errors", JSON.stringify(errors));
    box.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
      "margin:0;padding:1em 1.25em;background:#fff5f5;color:#5c0000;border-bottom:4px solid #b00020;" +
      "font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 4px 16px rgba(0,0,0,.25)";
    var h = document.createElement("strong");
    h.textContent = errors.length === 1 ? "1 error: showing the last good site" :
      errors.length + " errors: showing the last good site";
    box.appendChild(h);
    var ul = document.createElement("ul");
    ul.style.cssText = "margin:.5em 0 0;padding-left:1.25em";
    errors.forEach(function (e) {
      var li = document.createElement("li");
      li.textContent = e;
      ul.appendChild(li);
    });
    box.appendChild(ul);
    var close = document.createElement("button");
    close.type = "button";
    close.id = id + "-dismiss";
    close.textContent = "Dismiss (Esc)";
    close.style.cssText = "float:right;margin:0 0 .5em 1em;min-height:28px;padding:.2em .8em;font:inherit;cursor:pointer";
    close.addEventListener("click", dismiss);
    box.insertBefore(close, box.firstChild);
    // First in the page, so that it is the first Tab stop.
    document.body.insertBefore(box, document.body.firstChild);
  }

  function dismiss() {
    var box = document.getElementById(id);
    if (!box) return;
    dismissed = box.getAttribute("data-errors");
    box.remove();
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && document.getElementById(id)) dismiss();
  });

  function connect() {
    var es = new EventSource("/_pcdocket/events");
    es.addEventListener("hello", function (ev) {
      var d = JSON.parse(ev.data);
      var key = d.server + "/" + d.generation;
      // A new server, or a rebuild while this page was disconnected.
      if (seen !== null && seen !== key) { location.reload(); return; }
      seen = key;
      show(d.errors);
    });
    es.addEventListener("reload", function () { location.reload(); });
    es.addEventListener("errors", function (ev) { show(JSON.parse(ev.data).errors); });
    // Too many pages are open and a newer one took this one's place.
    // Reconnecting now would push out the next oldest page, and so on
    // round all of them: wait until this page is looked at again.
    es.addEventListener("bye", function () {
      es.close();
      document.addEventListener("visibilitychange", function again() {
        if (document.visibilityState !== "visible") return;
        document.removeEventListener("visibilitychange", again);
        connect();
      });
    });
  }
  if (window.EventSource) connect();
})();

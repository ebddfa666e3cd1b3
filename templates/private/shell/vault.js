// pcdocket: the decrypting shell of an encrypted private site.
//
// Every page of the site is a shell whose #pcv-data holds the page's
// ciphertext. This script asks for a passphrase once, derives a key from it
// with PBKDF2-SHA256 (WebCrypto), opens the holder's slot of the keyring
// (keyring.js), keeps the unlocked keys in sessionStorage for the rest of
// the tab's session, and replaces the shell with the decrypted page. The
// formats are described in generator/vault. No libraries, no requests
// other than the site's own files.
"use strict";
(function () {
  var STORE = "pcdocket-vault";
  var AAD = "pcdocket-vault/1\u0000";
  var subtle = window.crypto && window.crypto.subtle;
  var enc = new TextEncoder();
  var $ = function (id) { return document.getElementById(id); };

  function b64(s) {
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function state(s) { window.pcvState = s; }

  // The page's own file name, which the ciphertext is bound to.
  function pageName() {
    var n = decodeURIComponent(location.pathname.split("/").pop() || "");
    if (n === "") return "index.html";
    return /\.html$/.test(n) ? n : n + ".html";
  }

  function load(kr) {
    try {
      var s = JSON.parse(sessionStorage.getItem(STORE) || "null");
      if (s && s.build === kr.build) return s;
      sessionStorage.removeItem(STORE); // from an older build: its keys are gone
    } catch (e) { /* storage disabled or damaged: ask again */ }
    return null;
  }
  function save(s) {
    try { sessionStorage.setItem(STORE, JSON.stringify(s)); } catch (e) { /* ask again next page */ }
  }

  function message(text) {
    var m = $("pcv-message");
    m.textContent = text;
    m.hidden = !text;
  }

  // fallbackLink adds to the message a link to the entry page without the
  // personal link's fragment.
  function fallbackLink() {
    var a = document.createElement("a");
    a.href = location.pathname.split("/").pop() || "index.html";
    a.id = "pcv-general";
    a.textContent = "Open the general entry page";
    var m = $("pcv-message");
    m.appendChild(document.createTextNode(" "));
    m.appendChild(a);
  }

  // derive turns a passphrase into a slot's key. The passphrase is taken
  // in Unicode NFC, as pcdocket takes it when it makes the keys: "é" typed
  // as one code point or as "e" and a combining accent is one passphrase.
  async function derive(pass, salt, iterations) {
    var base = await subtle.importKey("raw", enc.encode(pass.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
    return subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: salt, iterations: iterations },
      base, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
  }

  // openSlot derives pass against slot i and returns its bundle, or null.
  async function openSlot(kr, pass, i) {
    var slot = kr.slots[i];
    var kek = await derive(pass, b64(slot.salt), kr.iterations);
    try {
      var pt = await subtle.decrypt({ name: "AES-GCM", iv: b64(slot.nonce),
        additionalData: enc.encode(AAD + kr.build + "\u0000slot\u0000" + i) }, kek, b64(slot.data));
      return JSON.parse(new TextDecoder().decode(pt));
    } catch (e) { return null; /* not this holder's slot */ }
  }

  // tryUnlock derives pass against the keyring slots in order and returns
  // the first bundle that opens, or null. One at a time: in headless
  // Chromium eight derivations started at once took no less time than
  // eight in a row (its WebCrypto works on one thread), and in a row it
  // stops at the first slot that opens.
  async function tryUnlock(kr, pass, order) {
    var started = performance.now();
    for (var k = 0; k < order.length; k++) {
      var bundle = await openSlot(kr, pass, order[k]);
      if (bundle) {
        window.pcvDeriveMs = (performance.now() - started) / (k + 1);
        return bundle;
      }
    }
    window.pcvDeriveMs = (performance.now() - started) / Math.max(order.length, 1);
    return null;
  }

  // linkSlot returns the keyring slot a personal link names in its
  // fragment (index.html#slot=3), or -1. The fragment never reaches a
  // server; see docs/encryption.md for what it tells whoever sees it.
  function linkSlot(kr) {
    var m = /(?:^#|&)slot=(\d+)(?:&|$)/.exec(location.hash);
    if (!m) return -1;
    var i = parseInt(m[1], 10);
    return i >= 0 && i < kr.slots.length ? i : -1;
  }

  async function decryptPage(kr, data, raw, name) {
    var key = await subtle.importKey("raw", b64(raw), "AES-GCM", false, ["decrypt"]);
    var pt = new Uint8Array(await subtle.decrypt({ name: "AES-GCM", iv: b64(data.nonce),
      additionalData: enc.encode(AAD + kr.build + "\u0000" + (name || pageName())) }, key, b64(data.ct)));
    var n = new DataView(pt.buffer).getUint32(0);
    var hdr = JSON.parse(new TextDecoder().decode(pt.subarray(4, 4 + n)));
    return { type: hdr.type, name: hdr.name, body: pt.subarray(4 + n) };
  }

  function showHTML(body, sess) {
    var doc = new DOMParser().parseFromString(new TextDecoder().decode(body), "text/html");
    // Links to pages this passphrase cannot open (the docket, for a
    // parent) are taken out rather than left to end in a refusal; in a
    // list marked data-pcv-mine (the other parent's statement) with their
    // item, so that each reader sees their own alone.
    doc.querySelectorAll("a[data-pcv-kid]").forEach(function (a) {
      if (sess.keys[a.getAttribute("data-pcv-kid")]) return;
      var li = a.parentElement;
      if (li && li.tagName === "LI" && li.children.length === 1 && li.closest("nav, [data-pcv-mine]")) {
        li.remove();
      } else if (a.classList.contains("brand")) {
        a.setAttribute("href", sess.home);
        a.removeAttribute("data-pcv-kid");
      } else {
        var span = doc.createElement("span");
        span.textContent = a.textContent;
        a.replaceWith(span);
      }
    });
    document.replaceChild(document.adoptNode(doc.documentElement), document.documentElement);
    // Scripts a parser made do not run when moved into this document: put
    // fresh copies in their place (the page's search box).
    document.querySelectorAll("script").forEach(function (old) {
      var s = document.createElement("script");
      for (var i = 0; i < old.attributes.length; i++) s.setAttribute(old.attributes[i].name, old.attributes[i].value);
      s.textContent = old.textContent;
      old.replaceWith(s);
    });
    if (location.hash) {
      var t = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (t) t.scrollIntoView();
    }
  }

  function showDownload(page) {
    var url = URL.createObjectURL(new Blob([page.body], { type: page.type }));
    var p = $("pcv-download");
    p.textContent = "Decrypted. ";
    var a = document.createElement("a");
    a.href = url;
    a.download = page.name;
    a.id = "pcv-file";
    a.textContent = "Download " + page.name;
    p.appendChild(a);
    p.hidden = false;
    $("pcv-form").hidden = true;
    message("");
    a.click();
  }

  // expose lets the decrypted page's scripts open the site's encrypted
  // scripts (a search index, <label>.js) with this session's keys, without
  // handing them the keys: has(kid) says whether the session holds a key,
  // load(src) loads the script and resolves to its decrypted text.
  function expose(kr, sess) {
    window.pcvVault = {
      has: function (kid) { return !!(kid && sess.keys[kid]); },
      load: function (src) {
        var name = src.split("/").pop();
        var files = function () { return window.pcvFiles || {}; };
        return new Promise(function (resolve, reject) {
          if (files()[name]) { resolve(); return; }
          var s = document.createElement("script");
          s.src = src;
          s.onload = function () { files()[name] ? resolve() : reject(new Error(name + ": not an encrypted script")); };
          s.onerror = function () { reject(new Error("cannot load " + name)); };
          document.head.appendChild(s);
        }).then(function () {
          var data = files()[name];
          if (!sess.keys[data.kid]) throw new Error(name + ": this passphrase does not open it");
          return decryptPage(kr, data, sess.keys[data.kid], name);
        }).then(function (file) { return new TextDecoder().decode(file.body); });
      }
    };
  }

  async function show(kr, data, sess) {
    expose(kr, sess);
    var page = await decryptPage(kr, data, sess.keys[data.kid]);
    if (/^text\/html/.test(page.type)) {
      showHTML(page.body, sess);
    } else {
      showDownload(page);
    }
    state(/^text\/html/.test(page.type) ? "open" : "download");
  }

  async function main() {
    var data = JSON.parse($("pcv-data").textContent);
    var kr = window.pcvKeyring;
    if (!subtle || !kr) {
      message("This browser cannot decrypt these records (WebCrypto is unavailable; open the site over https or from a file).");
      state("error");
      return;
    }
    var form = $("pcv-form");
    var sess = load(kr);
    if (sess && sess.keys[data.kid]) {
      try { await show(kr, data, sess); return; } catch (e) {
        message("This page could not be decrypted: it is damaged or belongs to another build of the site.");
        state("error");
        return;
      }
    }
    if (sess && data.entry && sess.home && sess.home !== pageName()) {
      location.replace(sess.home);
      return;
    }
    if (sess) {
      message("Your passphrase does not open this page: it belongs to another case. To open it, enter a passphrase that does.");
      state("refused");
    } else {
      state("locked");
    }
    form.hidden = false;
    $("pcv-pass").focus();
    form.addEventListener("submit", async function (ev) {
      ev.preventDefault();
      var pass = $("pcv-pass").value;
      var button = $("pcv-submit");
      button.disabled = true;
      $("pcv-status").textContent = "Unlocking…";
      state("unlocking");
      // The page names the slots that can open it; the entry page also
      // tries every other slot, so a parent who starts there is sent to
      // their own case. Through a personal link the entry page tries the
      // slot the link names and no other: one derivation, not one per
      // holder of the practice.
      var order = data.slots.slice();
      var personal = data.entry ? linkSlot(kr) : -1;
      if (personal >= 0) {
        order = [personal];
      } else if (data.entry) {
        for (var i = 0; i < kr.slots.length; i++) if (order.indexOf(i) < 0) order.push(i);
      }
      var t0 = performance.now();
      var bundle = null;
      try { bundle = await tryUnlock(kr, pass, order); } catch (e) { bundle = null; }
      window.pcvUnlockMs = performance.now() - t0;
      button.disabled = false;
      $("pcv-status").textContent = "";
      if (!bundle && personal >= 0) {
        message("Wrong passphrase for this personal link. Check it and try again. If the link is old, the general entry page (slower) tries every passphrase.");
        fallbackLink();
        state("wrong");
        $("pcv-pass").select();
        return;
      }
      if (!bundle) {
        message("Wrong passphrase: it does not open this page. Check it and try again.");
        state("wrong");
        $("pcv-pass").select();
        return;
      }
      var keys = {};
      Object.keys(bundle.keys).forEach(function (k) { keys[k] = bundle.keys[k]; });
      var s = { build: kr.build, role: bundle.role, home: bundle.home, keys: keys };
      save(s);
      if (!keys[data.kid]) {
        location.replace(s.home);
        return;
      }
      try { await show(kr, data, s); } catch (e) {
        message("This page could not be decrypted: it is damaged or belongs to another build of the site.");
        state("error");
      }
    });
  }

  main();
})();

/* Roadmap: progress kept in this browser (localStorage), no server.
 * A storage wrapper that never throws, a state object, and functions that paint checkboxes,
 * progress bars, the map and notes from it. roadmap-tools.js adds the home and progress page tools. */
(function () {
  "use strict";

  var VERSION = 1;
  var scope = window.__md_scope || new URL(".", location.href);
  // The key's prefix names the roadmap (content/roadmap.yml); the path keeps sites on one origin apart.
  var config = document.getElementById("rm-aliases");
  var KEY = ((config && config.getAttribute("data-rm-key")) || "roadmap") + ":" + scope.pathname;
  var state = emptyState();
  var readOnly = false;

  function emptyState() {
    return { version: VERSION, items: {}, notes: {} };
  }

  /* ---- storage wrapper: every call is safe, failures become a notice ---- */
  var storage = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { blocked(); return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); return true; } catch (e) {
        notice(isQuota(e) ? "Your browser's storage is full, so this change could not be saved."
          : "Your browser blocks storage for this site, so progress can't be saved.");
        return false;
      }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { blocked(); }
    }
  };

  function isQuota(e) {
    return e && (e.name === "QuotaExceededError" || e.code === 22 || e.code === 1014);
  }

  function blocked() {
    notice("Your browser blocks storage for this site, so progress can't be saved.");
  }

  /* ---- state ---- */
  function parse(raw) {
    var data = JSON.parse(raw);
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("not an object");
    if (typeof data.version !== "number") throw new Error("no version");
    if (!data.items || typeof data.items !== "object" || Array.isArray(data.items)) throw new Error("no items");
    for (var id in data.items) {
      var v = data.items[id];
      if (v !== true && typeof v !== "number") throw new Error("bad value for " + id);
    }
    if (data.notes !== undefined && (typeof data.notes !== "object" || Array.isArray(data.notes))) {
      throw new Error("bad notes");
    }
    data.notes = data.notes || {};
    for (var n in data.notes) if (typeof data.notes[n] !== "string") throw new Error("bad note for " + n);
    if (data.plan !== undefined && (!data.plan || typeof data.plan !== "object")) throw new Error("bad plan");
    return data;
  }

  function load() {
    var raw = storage.get(KEY);
    readOnly = false;
    if (raw === null) { state = emptyState(); return; }
    try {
      state = parse(raw);
    } catch (e) {
      var aside = KEY + ":corrupt:" + Date.now();
      storage.set(aside, raw);
      storage.remove(KEY);
      state = emptyState();
      notice("Saved progress could not be read, so it starts empty. The unreadable copy was kept aside under '" +
        aside + "'.");
      return;
    }
    if (state.version > VERSION) {
      readOnly = true;
      notice("Progress was saved by a newer version of this site; it is shown but not changed here.");
    }
    migrateAliases();
  }

  function migrateAliases() {
    var aliases = readAliases(), moved = false;
    for (var old in aliases) {
      if (Object.prototype.hasOwnProperty.call(state.items, old)) {
        if (!state.items[aliases[old]]) state.items[aliases[old]] = state.items[old];
        delete state.items[old];
        moved = true;
      }
    }
    if (moved) save();
  }

  function readAliases() {
    var el = document.getElementById("rm-aliases");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  }

  function save() {
    if (readOnly) return false;
    state.version = VERSION;
    return storage.set(KEY, JSON.stringify(state));
  }

  /* ---- painting ---- */
  function boxes(id) {
    var sel = "input[data-roadmap-id]" + (id ? '[data-roadmap-id="' + CSS.escape(id) + '"]' : "");
    return document.querySelectorAll(sel);
  }

  function paint() {
    performance.mark("rm:paint:start");
    boxes().forEach(function (box) {
      box.checked = !!state.items[box.getAttribute("data-roadmap-id")];
    });
    paintBars();
    paintContinue();
    paintLists();
    // Ready once everything this page shows is painted (pages with tools wait for roadmap-tools.js).
    document.documentElement.classList.toggle("rm-ready", !!api.tools || !document.querySelector("[data-rm-tools]"));
    performance.measure("rm:paint", "rm:paint:start"); // read by bench/bench.py
  }

  function count(set) {
    var done = 0, total = 0;
    set.split(" ; ").forEach(function (group) {
      var best = null;
      group.split(" | ").forEach(function (option) {
        var ids = option.split(" ").filter(Boolean);
        var n = ids.filter(function (id) { return state.items[id]; }).length;
        if (!best || n > best.done || (n === best.done && n === 0 && ids.length > best.total)) {
          best = { done: n, total: ids.length };
        }
      });
      if (best) { done += best.done; total += best.total; }
    });
    return { done: done, total: total };
  }

  function paintLists() {
    paintMap();
    if (api.tools) api.tools.paint();
    paintNotes();
  }

  function paintBars() {
    document.querySelectorAll(".rm-progress[data-rm-set]").forEach(function (bar) {
      var c = count(bar.getAttribute("data-rm-set"));
      var pct = c.total ? Math.round((100 * c.done) / c.total) : 0;
      bar.setAttribute("aria-valuenow", c.done);
      bar.setAttribute("aria-valuemax", c.total);
      bar.setAttribute("aria-valuetext", c.done + " of " + c.total + " done");
      bar.classList.toggle("rm-progress--done", c.total > 0 && c.done === c.total);
      var fill = bar.querySelector(".rm-progress__fill");
      if (fill) fill.style.width = pct + "%";
      var text = bar.querySelector(".rm-progress__text");
      if (text) text.textContent = c.done + " / " + c.total;
    });
  }

  function paintContinue() {
    var slot = document.querySelector("[data-rm-continue]");
    if (!slot) return;
    var cards = document.querySelectorAll(".rm-card");
    for (var i = 0; i < cards.length; i++) {
      var bar = cards[i].querySelector(".rm-progress");
      if (bar && bar.getAttribute("aria-valuenow") !== bar.getAttribute("aria-valuemax")) {
        var link = cards[i].querySelector("a");
        var target = slot.querySelector("a");
        target.href = link.href;
        target.textContent = link.textContent;
        slot.hidden = false;
        return;
      }
    }
    slot.hidden = true;
  }

  /* ---- the map: nodes coloured by progress, with the count in text too ---- */
  function paintMap() {
    document.querySelectorAll("[data-rm-map] [data-rm-set]").forEach(function (node) {
      var c = count(node.getAttribute("data-rm-set"));
      var st = !c.done ? "todo" : c.done >= c.total ? "done" : "started";
      ["todo", "started", "done"].forEach(function (k) { node.classList.toggle("rm-node--" + k, k === st); });
      node.setAttribute("aria-label", node.getAttribute("data-rm-label") + ", " + c.done + " of " + c.total +
        " done" + (st === "todo" ? "" : " (" + st + ")"));
      node.querySelector(".rm-node__count").textContent = c.done + "/" + c.total;
    });
  }

  // Pointing at or focusing a map box brings out the lines to and from it.
  function highlight(event) {
    var node = event.target.closest && event.target.closest("[data-rm-node]");
    document.querySelectorAll(".rm-edge--on").forEach(function (e) { e.classList.remove("rm-edge--on"); });
    if (!node) return;
    var id = CSS.escape(node.getAttribute("data-rm-node"));
    document.querySelectorAll('.rm-edge[data-to="' + id + '"], .rm-edge[data-from="' + id + '"]')
      .forEach(function (e) { e.classList.add("rm-edge--on"); });
  }
  document.addEventListener("mouseover", highlight);
  document.addEventListener("focusin", highlight);

  /* ---- a DOM helper: text only, never HTML ---- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* ---- notes: plain text under every place an item appears ---- */
  function paintNotes() {
    document.querySelectorAll(".rm-usernote").forEach(function (p) {
      if (!state.notes[p.getAttribute("data-rm-note-for")]) p.remove();
    });
    document.querySelectorAll(".rm-note-btn--has").forEach(function (b) {
      if (!state.notes[b.getAttribute("data-rm-note")]) b.classList.remove("rm-note-btn--has");
    });
    Object.keys(state.notes).forEach(function (id) {
      var text = state.notes[id];
      if (!text) return;
      boxes(id).forEach(function (box) {
        var row = box.closest(".rm-row") || box.parentNode;
        var next = row.parentNode.querySelector(":scope > .rm-usernote");
        if (!next) {
          next = el("p", "rm-usernote");
          next.setAttribute("data-rm-note-for", id);
          row.after(next);
        }
        next.textContent = text;
        var btn = row.querySelector("[data-rm-note]");
        if (btn) btn.classList.add("rm-note-btn--has");
      });
    });
  }

  function toggleNote(btn) {
    var id = btn.getAttribute("data-rm-note"), row = btn.closest(".rm-row") || btn.parentNode;
    var open = row.parentNode.querySelector(".rm-note-edit");
    if (open) { open.remove(); btn.setAttribute("aria-expanded", "false"); return; }
    var box = el("div", "rm-note-edit"), label = el("label", "", "Your note (only in this browser)");
    var area = el("textarea");
    area.maxLength = 1000;
    area.rows = 3;
    area.value = state.notes[id] || "";
    label.append(area);
    var ok = el("button", "md-button", "Save note"), cancel = el("button", "md-button", "Cancel");
    ok.type = cancel.type = "button";
    ok.setAttribute("data-rm-note-save", id);
    cancel.setAttribute("data-rm-note-cancel", "");
    box.append(label, ok, " ", cancel);
    row.after(box);
    btn.setAttribute("aria-expanded", "true");
    area.focus();
  }

  function closeNote(button, saveIt) {
    var box = button.closest(".rm-note-edit"), row = box.parentNode.querySelector(":scope > .rm-row");
    if (saveIt) {
      var id = button.getAttribute("data-rm-note-save"), text = box.querySelector("textarea").value.trim();
      if (text) state.notes[id] = text; else delete state.notes[id];
      save();
      paintNotes();
    }
    box.remove();
    var btn = row && row.querySelector("[data-rm-note]");
    if (btn) { btn.setAttribute("aria-expanded", "false"); btn.focus(); }
  }

  /* ---- notices and status ---- */
  var notices = [];
  function notice(text) {
    if (notices.indexOf(text) < 0) notices.push(text);
    showNotices();
  }

  function showNotices() {
    var host = document.querySelector(".md-content__inner") || document.body;
    if (!host || !notices.length) return;
    var box = host.querySelector(".rm-notice");
    if (!box) {
      box = document.createElement("div");
      box.className = "rm-notice admonition warning";
      box.setAttribute("role", "alert");
      host.insertBefore(box, host.firstChild);
    }
    box.textContent = notices.join(" ");
  }

  function status(text) {
    var el = document.querySelector("[data-rm-status]");
    if (el) el.textContent = text;
  }

  /* ---- events: bound once on document, so they survive instant navigation ---- */
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("input[data-roadmap-id]")) {
      var id = el.getAttribute("data-roadmap-id");
      if (el.checked) state.items[id] = Date.now(); else delete state.items[id];
      if (readOnly) notice("Progress was saved by a newer version of this site; this change is not saved.");
      save();
      boxes(id).forEach(function (box) { box.checked = el.checked; });
      paintBars();
      paintContinue();
      paintMap();
      if (api.tools && !el.closest("[data-rm-plan-out], [data-rm-next-list]")) api.tools.paint();
    }
  });

  document.addEventListener("click", function (event) {
    var t = event.target.closest ? event.target : null;
    if (!t) return;
    var b = t.closest("[data-rm-note]");
    if (b) return toggleNote(b);
    b = t.closest("[data-rm-note-save]");
    if (b) return closeNote(b, true);
    b = t.closest("[data-rm-note-cancel]");
    if (b) closeNote(b, false);
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { load(); paint(); } // restored from the back/forward cache
  });

  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) { load(); paint(); }
  });

  /* The plan, "what next", export/import and reset live in roadmap-tools.js, fetched only by
     pages that have them (home and progress); it registers itself as api.tools. */
  var toolsUrl = document.currentScript && document.currentScript.src.replace(/roadmap\.js(\?.*)?$/, "roadmap-tools.js");
  function onPage() {
    showNotices();
    paint();
    if (!api.tools && toolsUrl && document.querySelector("[data-rm-tools]") && !document.getElementById("rm-tools-js")) {
      var s = el("script");
      s.id = "rm-tools-js";
      s.src = toolsUrl;
      document.head.append(s);
    }
  }

  var api = window.roadmapKit = {
    key: KEY, count: count, VERSION: VERSION, storage: storage, scope: scope, tools: null,
    state: function () { return state; },
    replace: function (next) { state = next; },
    parse: parse, save: save, paint: paint, migrateAliases: migrateAliases, status: status, el: el
  };

  load();
  // Material's document$ fires on every instant navigation; the DOM-ready call covers pages
  // where it never fires (opened from disk, or Material's script failed). Painting is idempotent.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }


})();

/* ML Engineer Roadmap: progress kept in this browser (localStorage), no server.
 * One small module: a storage wrapper that never throws, a state object, and
 * functions that paint checkboxes and progress bars from it. */
(function () {
  "use strict";

  var VERSION = 1;
  var scope = window.__md_scope || new URL(".", location.href);
  var KEY = "mlroadmap:" + scope.pathname;
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
    document.documentElement.classList.add("rm-ready");
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

  /* ---- progress page tools ---- */
  var BACKUP = KEY + ":backup";

  function keepBackup() {
    return storage.set(BACKUP, JSON.stringify(state));
  }

  function exportFile() {
    var data = Object.assign({}, state, { exported: new Date().toISOString(), site: scope.href });
    var blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "ml-roadmap-progress-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
    status("Exported " + Object.keys(state.items).length + " ticked items.");
  }

  function importText(text, merge) {
    var incoming;
    try { incoming = parse(text); } catch (e) {
      status("That file is not a progress export (" + e.message + "); nothing was changed.");
      return;
    }
    if (incoming.version > VERSION) {
      status("That file comes from a newer version of this site; nothing was changed.");
      return;
    }
    var previous = state;
    var next = merge ? mergeStates(state, incoming) : { version: VERSION, items: incoming.items, notes: incoming.notes };
    if (!keepBackup()) { status("Storage is not available; nothing was changed."); return; }
    state = next;
    migrateAliases();
    if (!save()) { state = previous; status("The import could not be saved; nothing was changed."); return; }
    paint();
    enableUndo();
    status("Imported " + Object.keys(incoming.items).length + " ticked items (" +
      (merge ? "merged" : "replaced") + "). Undo is available.");
  }

  function mergeStates(a, b) {
    var out = { version: VERSION, items: Object.assign({}, a.items), notes: Object.assign({}, a.notes) };
    for (var id in b.items) if (!out.items[id]) out.items[id] = b.items[id];
    for (var n in b.notes) if (!out.notes[n]) out.notes[n] = b.notes[n];
    return out;
  }

  function reset() {
    if (!window.confirm("Untick every item on this site? A copy is kept so you can undo.")) return;
    if (!keepBackup()) { status("Storage is not available; nothing was changed."); return; }
    state = emptyState();
    save();
    paint();
    enableUndo();
    status("Progress was reset. Undo is available.");
  }

  function undo() {
    var raw = storage.get(BACKUP);
    if (raw === null) { status("There is nothing to undo."); return; }
    var current = JSON.stringify(state);
    try { state = parse(raw); } catch (e) { status("The saved copy could not be read."); return; }
    save();
    storage.set(BACKUP, current);
    paint();
    status("Restored the previous progress. Undo again to switch back.");
  }

  function enableUndo() {
    var btn = document.querySelector('[data-rm-action="undo"]');
    if (btn) btn.disabled = storage.get(BACKUP) === null;
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
    } else if (el.matches && el.matches('input[data-rm-action="import"]') && el.files && el.files[0]) {
      var merge = document.querySelector("[data-rm-import-merge]");
      el.files[0].text().then(function (text) {
        importText(text, !merge || merge.checked);
        el.value = "";
      });
    }
  });

  document.addEventListener("click", function (event) {
    var btn = event.target.closest && event.target.closest("button[data-rm-action]");
    if (!btn) return;
    var action = btn.getAttribute("data-rm-action");
    if (action === "export") exportFile();
    else if (action === "reset") reset();
    else if (action === "undo") undo();
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { load(); paint(); } // restored from the back/forward cache
  });

  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) { load(); paint(); }
  });

  function onPage() {
    showNotices();
    paint();
    enableUndo();
  }

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

  window.mlRoadmap = { key: KEY, count: count, state: function () { return state; } };
})();

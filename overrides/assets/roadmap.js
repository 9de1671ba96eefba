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

  function paintLists() {
    paintMap();
    paintPlan();
    paintNext();
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

  /* ---- small DOM helpers: text only, never HTML ---- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function itemRow(id, it, extra) {
    var li = el("li", "rm-item"), row = el("div", "rm-row"), label = el("label", "rm-check");
    var box = el("input");
    box.type = "checkbox";
    box.autocomplete = "off";
    box.setAttribute("data-roadmap-id", id);
    box.checked = !!state.items[id];
    label.append(box, " ", el("span", "rm-title", it[0]));
    var note = el("button", "rm-note-btn", "\u270e");
    note.type = "button";
    note.setAttribute("data-rm-note", id);
    note.setAttribute("aria-label", "Note on " + it[0]);
    var open = el("a", "rm-where", "open");
    open.href = it[1];
    open.setAttribute("aria-label", "Open " + it[0]);
    row.append(label, note, " ", open);
    if (extra) row.append(" ", el("span", "rm-tag", extra));
    li.append(row);
    return li;
  }

  /* ---- plan and "what next": data from the page, dates in whole UTC days ---- */
  var DAY = 864e5;
  var dataCache = { el: null, data: null };
  function planData() {
    var holder = document.getElementById("rm-plan-data");
    if (!holder) return null;
    if (dataCache.el !== holder) {
      try { dataCache.data = JSON.parse(holder.getAttribute("data-rm-json")); } catch (e) { dataCache.data = null; }
      dataCache.el = holder;
    }
    return dataCache.data;
  }

  function trackOf(data, id) {
    return data.tracks.filter(function (t) { return t.id === id; })[0];
  }

  function dayOf(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!m) return null;
    var d = new Date(Date.UTC(+m[1], m[2] - 1, +m[3]));
    return d.getUTCMonth() === m[2] - 1 && d.getUTCDate() === +m[3] ? d.getTime() / DAY : null;
  }

  function today() { // the learner's own calendar date, in their time zone
    var n = new Date();
    return Date.UTC(n.getFullYear(), n.getMonth(), n.getDate()) / DAY;
  }

  var FMT = new Intl.DateTimeFormat("en-GB",
    { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  function dateEl(day) {
    var t = el("time", "", FMT.format(new Date(day * DAY)));
    t.dateTime = new Date(day * DAY).toISOString().slice(0, 10);
    return t;
  }

  function schedule(track, hours) {
    var scale = track.hours && hours > 0 ? track.hours / hours : 1, at = 0, blocks = [], due = {};
    track.blocks.forEach(function (b) {
      if (!b.w) return; // "Ongoing" and other undated blocks are not scheduled
      var days = Math.max(1, Math.round(b.w * 7 * scale));
      b.i.forEach(function (id, k) {
        if (!(id in due)) due[id] = at + Math.ceil(((k + 1) * days) / b.i.length) - 1;
      });
      blocks.push({ t: b.t, start: at, days: days });
      at += days;
    });
    return { blocks: blocks, days: at, due: due };
  }

  function para(parent, parts, attr) {
    var p = el("p");
    if (attr) p.setAttribute(attr, "");
    parts.forEach(function (x) { p.append(x); });
    parent.append(p);
    return p;
  }

  function paintPlan() {
    var out = document.querySelector("[data-rm-plan-out]"), data = planData();
    if (!out || !data) return;
    var plan = state.plan || {}, form = document.querySelector("[data-rm-plan-form]");
    if (form && !form.contains(document.activeElement)) {
      if (plan.track && trackOf(data, plan.track)) form.track.value = plan.track;
      form.start.value = plan.start || "";
      form.hours.value = plan.hours || "";
    }
    out.replaceChildren();
    var track = trackOf(data, plan.track), start = dayOf(plan.start);
    if (!track || start === null) {
      para(out, ["Choose a track and a start date, then save: your dates appear here."]);
      return;
    }
    var hours = +plan.hours || track.hours, s = schedule(track, hours);
    if (!s.days) {
      para(out, [track.title, " has no dated blocks, so it gives no dates. Choose a dated track."]);
      return;
    }
    var finish = start + s.days - 1, now = today() - start, weeks = Math.ceil(s.days / 7);
    para(out, ["Projected finish: ", dateEl(finish), " (" + weeks + " weeks" +
      (hours ? " at " + hours + " hours a week" : "") + ")."], "data-rm-plan-finish");
    if (now < 0) {
      para(out, ["Your plan starts on ", dateEl(start), "."], "data-rm-plan-now");
    } else if (now >= s.days) {
      para(out, ["Your plan ended on ", dateEl(finish), "."], "data-rm-plan-now");
    } else {
      var b = s.blocks.filter(function (x) { return x.start <= now && now < x.start + x.days; })[0];
      para(out, ["Today is in week " + (Math.floor(now / 7) + 1) + " of " + weeks + ", in \u201c" + b.t +
        "\u201d (", dateEl(start + b.start), " to ", dateEl(start + b.start + b.days - 1), ")."], "data-rm-plan-now");
    }
    var expected = 0, done = 0, ids = Object.keys(s.due);
    ids.forEach(function (id) {
      if (s.due[id] < now) expected++;
      if (state.items[id]) done++;
    });
    var diff = done - expected;
    para(out, [diff > 0 ? "You are " + diff + " item" + (diff === 1 ? "" : "s") + " ahead of schedule" :
      diff < 0 ? "You are " + -diff + " item" + (diff === -1 ? "" : "s") + " behind schedule" :
        "You are on schedule", " (" + done + " done; " + expected + " due before today)."], "data-rm-plan-pace");
    if (now >= s.days) return;
    var weekEnd = Math.floor(Math.max(now, 0) / 7) * 7 + 6, list = el("ul", "rm-items");
    list.setAttribute("data-rm-plan-due", "");
    ids.forEach(function (id) {
      var late = s.due[id] < Math.floor(Math.max(now, 0) / 7) * 7;
      if (s.due[id] <= weekEnd && data.items[id] && !(late && state.items[id])) {
        list.append(itemRow(id, data.items[id], late ? "overdue" : ""));
      }
    });
    out.append(el("h3", "", "Due this week"), list);
  }

  function paintNext() {
    var list = document.querySelector("[data-rm-next-list]"), data = planData();
    if (!list || !data) return;
    var picker = document.querySelector("[data-rm-next-track]");
    var track = trackOf(data, (state.plan || {}).track) || data.tracks[0], seen = {}, rows = [];
    if (picker) picker.value = track.id;
    track.blocks.forEach(function (b) {
      b.i.forEach(function (id) {
        var it = data.items[id];
        if (rows.length >= 5 || seen[id] || state.items[id] || !it) return;
        seen[id] = 1;
        if (it[2].every(function (r) { return state.items[r]; })) rows.push(itemRow(id, it));
      });
    });
    list.replaceChildren.apply(list, rows);
    var empty = document.querySelector("[data-rm-next-empty]");
    if (empty) {
      empty.hidden = rows.length > 0;
      empty.textContent = "Every item of this track whose prerequisites are done is ticked.";
    }
  }

  function savePlan(changes) {
    state.plan = Object.assign({}, state.plan, changes);
    save();
    paintLists();
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
    delete incoming.exported;
    delete incoming.site;
    var next = merge ? mergeStates(state, incoming) : Object.assign(incoming, { version: VERSION });
    if (!keepBackup()) { status("Storage is not available; nothing was changed."); return; }
    state = next;
    migrateAliases();
    if (!save()) { state = previous; status("The import could not be saved; nothing was changed."); return; }
    paint();
    enableUndo();
    status("Imported " + Object.keys(incoming.items).length + " ticked items (" +
      (merge ? "merged" : "replaced") + "). Undo is available.");
  }

  function mergeStates(a, b) { // what is here wins; the file fills gaps (items, notes, plan, unknown keys)
    var out = Object.assign({}, b, a, { version: VERSION, items: Object.assign({}, a.items),
      notes: Object.assign({}, a.notes) });
    for (var id in b.items) if (!out.items[id]) out.items[id] = b.items[id];
    for (var n in b.notes) if (!out.notes[n]) out.notes[n] = b.notes[n];
    return out;
  }

  function reset() {
    if (!window.confirm("Untick every item on this site? Notes and your plan stay, and a copy is kept so you can undo.")) return;
    if (!keepBackup()) { status("Storage is not available; nothing was changed."); return; }
    state = Object.assign({}, state, { items: {} }); // notes and the plan stay
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
      paintMap();
      if (!el.closest("[data-rm-plan-out], [data-rm-next-list]")) { paintPlan(); paintNext(); }
    } else if (el.matches && el.matches("[data-rm-next-track]")) {
      savePlan({ track: el.value });
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
    else if (action === "plan-clear") { delete state.plan; save(); paintLists(); status("Your plan was cleared."); }
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

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-rm-plan-form]")) return;
    event.preventDefault();
    var hours = form.hours.value ? +form.hours.value : null;
    if (dayOf(form.start.value) === null) { status("Choose a start date."); return; }
    savePlan({ track: form.track.value, start: form.start.value, hours: hours > 0 ? hours : null });
    status("Your plan was saved in this browser.");
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

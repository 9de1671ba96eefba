/* Roadmap: the home and progress page tools (personal plan, "what next", export,
 * import, reset and undo). roadmap.js loads this file on the pages that have them; everything
 * shared (state, storage, saving, painting) comes from window.roadmapKit. */
(function () {
  "use strict";

  var rm = window.roadmapKit;
  if (!rm || rm.tools) return;
  var el = rm.el, status = rm.status, storage = rm.storage, parse = rm.parse, paint = rm.paint;
  var VERSION = rm.VERSION, KEY = rm.key, scope = rm.scope, dict = rm.dict, has = rm.has, clone = rm.clone;

  function ticked(id) { return has(rm.state().items, id) && !!rm.state().items[id]; }
  // A plan entry is an item id or an occurrence key ITEM@TRACK/BLOCK (its own checkbox).
  function itemOf(key) { return key.split(rm.contract.occurrenceMark)[0]; }
  // Items of a "choose one" group (data.alts: item -> the other options): one option is enough.
  function alts(data, key) { var a = data.alts; return a && has(a, itemOf(key)) ? a[itemOf(key)] : []; }
  function otherChosen(data, key) { return alts(data, key).some(ticked); }
  function groupOf(data, key) { // an option counts for its whole group; any other entry for itself
    var a = alts(data, key);
    return a.length ? "choice:" + a.concat(itemOf(key)).sort()[0] : key;
  }

  function itemRow(id, it, extra) {
    var li = el("li", "rm-item"), row = el("div", "rm-row"), label = el("label", "rm-check");
    var box = el("input");
    box.type = "checkbox";
    box.setAttribute("data-roadmap-id", id);
    label.append(box, " " + it.title);
    rm.tick(box, ticked(id));
    var note = el("button", "rm-note-btn", "\u270e");
    note.type = "button";
    note.setAttribute("data-rm-note", itemOf(id)); // notes belong to the item
    note.setAttribute("aria-label", "Note on " + it.title);
    var open = el("a", "rm-where", "open");
    open.href = new URL(it.link, planRoot || location.href).href;
    open.setAttribute("aria-label", "Open " + it.title);
    row.append(label, note, " ", open);
    if (extra) row.append(" ", el("span", "rm-tag", extra));
    li.append(row);
    return li;
  }

  /* ---- plan and "what next": data from assets/roadmap-plan.js (generated at build, one file for
     every page, loaded by a script element: fetch() is refused on file://), dates in whole UTC days ---- */
  var DAY = 864e5;
  var planUrl = document.currentScript && document.currentScript.src.replace(/roadmap-tools\.js(\?.*)?$/, "roadmap-plan.js");
  var planRoot = null; // item links in the file are relative to the site root
  function planData() {
    var data = window.roadmapPlanData;
    if (!data || !data.items || !data.tracks) return null;
    if (!planRoot) planRoot = new URL("..", planUrl || location.href);
    return data;
  }

  function trackOf(data, id) {
    return data.tracks.filter(function (t) { return t.id === id; })[0];
  }

  // Every date shown lies in the years a date input takes (1000 to 9999 here: Date.UTC reads years
  // 0 to 99 as 19xx, and Date has no day after 275760): a plan past LAST_DAY is not drawn.
  var LAST_DAY = Date.UTC(9999, 11, 31) / DAY;
  function dayOf(text) {
    var m = /^([1-9]\d{3})-(\d{2})-(\d{2})$/.exec(typeof text === "string" ? text : "");
    if (!m) return null;
    var d = new Date(Date.UTC(+m[1], m[2] - 1, +m[3]));
    return d.getUTCMonth() === m[2] - 1 && d.getUTCDate() === +m[3] ? d.getTime() / DAY : null;
  }

  function today() { // the learner's own calendar date, in their time zone
    var n = new Date();
    return Date.UTC(n.getFullYear(), n.getMonth(), n.getDate()) / DAY;
  }

  // Made on first use: a date formatter costs 20-30 ms to create (Chromium), and only a saved plan
  // shows dates, so a page without one never pays for it.
  var FMT = null;
  function dateEl(day) {
    FMT = FMT || new Intl.DateTimeFormat("en-GB",
      { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
    var t = el("time", "", FMT.format(new Date(day * DAY)));
    t.dateTime = new Date(day * DAY).toISOString().slice(0, 10);
    return t;
  }

  // The option the plan follows for each choice of a track: the learner's, else the default.
  function chosen(track, plan) {
    var out = dict(track.options), mine = dict(plan && plan.options);
    for (var c in mine) if (has(out, c) && typeof mine[c] === "string") out[c] = mine[c];
    return out;
  }

  function followed(track, plan) { // the blocks a plan follows: all but the options not chosen
    var pick = chosen(track, plan);
    return track.blocks.filter(function (b) { return !b.choice || pick[b.choice] === b.option; });
  }

  // A number above 0 and at most max (a week's hours, a block's weeks), from a number or its text; else null.
  function amount(x, max) {
    var n = typeof x === "number" || typeof x === "string" ? +x : NaN;
    return n > 0 && n <= max ? n : null;
  }

  function schedule(track, hours, plan) {
    var own = amount(track.hours, 168), scale = own && hours ? own / hours : 1, at = 0, blocks = [], due = dict();
    followed(track, plan).forEach(function (b) {
      var w = amount(b.weeks, 1e4);
      if (!w) return; // "Ongoing" and other undated blocks are not scheduled
      var days = Math.max(1, Math.round(w * 7 * scale));
      b.keys.forEach(function (id, k) {
        if (!(id in due)) due[id] = at + Math.ceil(((k + 1) * days) / b.keys.length) - 1;
      });
      blocks.push({ title: b.title, start: at, days: days });
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
    var plan = dict(rm.state().plan);
    fillPlanForm(data, plan);
    out.replaceChildren();
    var track = trackOf(data, plan.track), start = dayOf(plan.start);
    if (!track || start === null) {
      para(out, ["Choose a track and a start date, then save: your dates appear here."]);
      return;
    }
    var hours = plan.hours == null || plan.hours === "" ? amount(track.hours, 168) : amount(plan.hours, 168);
    if (!hours && plan.hours != null && plan.hours !== "") {
      para(out, ["The hours a week saved with your plan are not a number above 0 and at most 168. Save your plan again."]);
      return;
    }
    var s = schedule(track, hours, plan);
    planOptions(out, track, plan);
    if (!s.days) {
      para(out, [track.title, " has no dated blocks, so it gives no dates. Choose a dated track."]);
      return;
    }
    if (!(start + s.days - 1 <= LAST_DAY)) { // NaN and Infinity too
      para(out, ["At " + (hours || "the track's") + " hours a week this plan would not end before the year 10000, " +
        "so it gives no dates. Choose more hours a week."], "data-rm-plan-finish");
      return;
    }
    var now = today() - start;
    planDates(out, s, start, now, hours);
    planPace(out, data, s, now);
    if (now < s.days) planDue(out, data, s, now);
  }

  function planOptions(out, track, plan) { // one select per choice of the track (e.g. a specialization)
    var pick = chosen(track, plan);
    Object.keys(pick).forEach(function (c) {
      var label = el("label", "rm-plan-option", "Option for \u201c" + c + "\u201d: "), select = el("select");
      select.setAttribute("data-rm-plan-option", c);
      track.blocks.forEach(function (b) {
        if (b.choice !== c || select.querySelector('option[value="' + CSS.escape(b.option) + '"]')) return;
        var o = el("option", "", b.title);
        o.value = b.option;
        select.append(o);
      });
      select.value = pick[c];
      label.append(select);
      para(out, [label]);
    });
  }

  function fillPlanForm(data, plan) { // left alone while the learner is typing in it
    var form = document.querySelector("[data-rm-plan-form]");
    if (!form || form.contains(document.activeElement)) return;
    var pick = plan.track && trackOf(data, plan.track) && form.querySelector('input[name="track"][value="' + CSS.escape(plan.track) + '"]');
    if (pick) pick.checked = true;
    form.start.value = plan.start || "";
    form.hours.value = plan.hours || "";
  }

  function planDates(out, s, start, now, hours) {
    var finish = start + s.days - 1, weeks = Math.ceil(s.days / 7);
    para(out, ["Projected finish: ", dateEl(finish), " (" + weeks + " weeks" +
      (hours ? " at " + hours + " hours a week" : "") + ")."], "data-rm-plan-finish");
    if (now < 0) return para(out, ["Your plan starts on ", dateEl(start), "."], "data-rm-plan-now");
    if (now >= s.days) return para(out, ["Your plan ended on ", dateEl(finish), "."], "data-rm-plan-now");
    var b = s.blocks.filter(function (x) { return x.start <= now && now < x.start + x.days; })[0];
    para(out, ["Today is in week " + (Math.floor(now / 7) + 1) + " of " + weeks + ", in \u201c" + b.title +
      "\u201d (", dateEl(start + b.start), " to ", dateEl(start + b.start + b.days - 1), ")."], "data-rm-plan-now");
  }

  function planPace(out, data, s, now) { // items due before today against items ticked
    var due = dict(), got = dict();
    Object.keys(s.due).forEach(function (id) {
      var group = groupOf(data, id);
      if (s.due[id] < now) due[group] = 1;
      if (ticked(id)) got[group] = 1;
    });
    var expected = Object.keys(due).length, done = Object.keys(got).length;
    var diff = done - expected, n = Math.abs(diff) + " item" + (Math.abs(diff) === 1 ? "" : "s");
    para(out, [diff > 0 ? "You are " + n + " ahead of schedule" : diff < 0 ? "You are " + n + " behind schedule" :
      "You are on schedule", " (" + done + " done; " + expected + " due before today)."], "data-rm-plan-pace");
  }

  function planDue(out, data, s, now) { // this plan-week's items, and earlier ones not yet ticked
    var weekStart = Math.floor(Math.max(now, 0) / 7) * 7, list = el("ul", "rm-items");
    list.setAttribute("data-rm-plan-due", "");
    Object.keys(s.due).forEach(function (id) {
      var late = s.due[id] < weekStart, item = itemOf(id);
      if (s.due[id] <= weekStart + 6 && has(data.items, item) && !(late && ticked(id)) && !otherChosen(data, id)) {
        var options = alts(data, id).length, tags = [late ? "overdue" : "", id !== item ? "again" : ""];
        if (options) tags.push("or one of " + options + " others");
        list.append(itemRow(id, data.items[item], tags.join(" ").trim()));
      }
    });
    out.append(el("h3", "", "Due this week"), list);
  }

  function paintNext() {
    var list = document.querySelector("[data-rm-next-list]"), data = planData();
    if (!list || !data) return;
    var picker = document.querySelector("[data-rm-next-track]");
    var track = trackOf(data, dict(rm.state().plan).track), seen = dict(), offered = dict(), rows = [];
    if (picker) picker.value = track ? track.id : ""; // no track is chosen for a visitor who chose none
    if (track) followed(track, rm.state().plan).forEach(function (b) {
      b.keys.forEach(function (id) {
        var item = itemOf(id), it = has(data.items, item) ? data.items[item] : null;
        if (rows.length >= 5 || seen[id] || ticked(id) || !it || otherChosen(data, id) || offered[groupOf(data, id)]) return;
        seen[id] = 1;
        if (!it.requires.every(ticked)) return;
        var options = alts(data, id).length;
        rows.push(itemRow(id, it, id !== item ? "again" : options ? "or one of " + options + " others" : ""));
        if (options) offered[groupOf(data, id)] = 1; // one option of a group at a time
      });
    });
    list.replaceChildren.apply(list, rows);
    var empty = document.querySelector("[data-rm-next-empty]");
    if (empty) {
      empty.hidden = rows.length > 0;
      empty.textContent = track ? "Every item of this track whose prerequisites are done is ticked." :
        "Choose a track to see its next items.";
    }
  }

  /* Notes under no item this site shows (an item removed, or a note too long to join another when
     two items or two storage keys became one) are listed on the progress page, never dropped. */
  function paintKept() {
    var host = document.querySelector(".rm-progress-page"), data = planData(), notes = rm.state().notes;
    var old = document.querySelector("[data-rm-kept]"), list = el("ul");
    if (!host || !data) return;
    Object.keys(notes).forEach(function (id) {
      if (!notes[id] || has(data.items, itemOf(id))) return;
      var li = el("li", "", ""), forget = el("button", "md-button", "Delete");
      forget.type = "button";
      forget.setAttribute("data-rm-action", "forget");
      forget.setAttribute("data-rm-forget", id);
      forget.setAttribute("aria-label", "Delete the note kept under " + id);
      li.append(el("code", "", id), " ", el("span", "rm-kept__text", notes[id]), " ", forget);
      list.append(li);
    });
    if (old) old.remove();
    if (!list.firstChild) return;
    var box = el("div", "rm-kept");
    box.setAttribute("data-rm-kept", "");
    box.append(el("p", "rm-tools__title", "Notes kept aside"), el("p", "", "These notes belong to no item on this " +
      "site now: the item was removed, or two items (or two sites' progress) became one and both notes did not " +
      "fit in one. Copy what you need into another note."), list);
    host.append(box);
  }

  /* "My notes" on the progress page: every note under an item this site shows, in the roadmap's order,
     under the item's title linked to its place. The notes are text, never HTML. */
  var notesShown = [];
  function paintMyNotes() {
    var host = document.querySelector("[data-rm-my-notes]"), data = planData(), notes = rm.state().notes;
    if (!host || !data) return;
    var list = el("ul", "rm-my-notes"), mine = [];
    Object.keys(data.items).forEach(function (id) {
      var text = has(notes, id) && notes[id];
      if (!text || typeof text !== "string") return;
      var li = el("li"), a = el("a", "", data.items[id].title);
      a.href = new URL(data.items[id].link, planRoot).href;
      li.append(a, el("p", "rm-my-notes__text", text));
      list.append(li);
      mine.push([id, text]);
    });
    var now = JSON.stringify(mine);
    if (host === notesShown[0] && now === notesShown[1]) return; // unchanged: nothing redrawn
    notesShown = [host, now];
    host.replaceChildren(mine.length ? list : el("p", "", "You have no notes yet. The \u270e button beside an " +
      "item opens its note; what you write there is listed here."));
  }

  function planStatus(text) { // said beside the plan's Save button, where the learner is
    var line = document.querySelector("[data-rm-plan-status]");
    if (line) line.textContent = text; else status(text);
  }

  // "26 ticked items, 3 notes and your plan": what an export or import carried.
  function carried(s) {
    var n = function (k, one) { return k + " " + one + (k === 1 ? "" : "s"); };
    var notes = Object.keys(s.notes || {}).filter(function (k) { return s.notes[k]; }).length;
    var parts = [n(Object.keys(s.items).length, "ticked item"), n(notes, "note")];
    return parts.join(", ") + (s.plan && s.plan.track ? " and your plan" : " (no plan)");
  }

  function savePlan(changes) { // true once saved
    var next = clone(rm.state()), plan = dict(next.plan);
    for (var k in changes) plan[k] = changes[k];
    next.plan = plan;
    var ok = rm.change(next);
    paint();
    return ok;
  }

  // What a change that was not saved says: read-only mode names its reason.
  function notSaved(what) {
    var why = rm.readOnly();
    return why ? what + " not saved (read-only: " + why + ")." : what + " could not be saved in this browser.";
  }

  function refuseReadOnly() { // true (and says so) when nothing may be changed here
    var why = rm.readOnly();
    if (why) status("Not saved (read-only: " + why + "); nothing was changed.");
    return !!why;
  }

  /* ---- progress page tools ---- */
  var BACKUP = KEY + ":backup";

  function plain(s) { // a copy of a state without this tab's bookkeeping
    var out = clone(s);
    delete out.rev;
    delete out.prev;
    return out;
  }

  function keepBackup() {
    return storage.set(BACKUP, JSON.stringify(plain(rm.state())));
  }

  function exportFile() {
    var data = plain(rm.state());
    data.exported = new Date().toISOString();
    data.site = scope.href;
    var blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "roadmap-progress-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
    status("Exported " + carried(data) + ".");
  }

  /* Imports are capped: the file's size, and what it carries that this site does not know (unknown
     item ids inside items are kept: they may be items of a later version). */
  var MAX_FILE = 1000000, MAX_UNKNOWN = 20, MAX_UNKNOWN_SIZE = 10000;
  var KNOWN = ["version", "items", "notes", "plan", "exported", "site", "rev", "prev"];
  var TOO_BIG = "That file is too large to be a progress export (over 1 MB); nothing was changed.";

  function importText(text, merge) {
    if (refuseReadOnly()) return;
    if (text.length > MAX_FILE) { status(TOO_BIG); return; }
    var incoming;
    try { incoming = parse(text, true); } catch (e) {
      status(e.refused ? "That file was refused: it has a key named '" + e.refused + "', which a progress " +
        "export never has and which could change how this page works; nothing was changed."
        : "That file is not a progress export from this site (" + (e instanceof SyntaxError ?
          "it is not JSON text, or it was cut short" : e.message) + "); nothing was changed.");
      return;
    }
    if (incoming.version > VERSION) {
      status("That file comes from a newer version of this site; nothing was changed.");
      return;
    }
    var unknown = Object.keys(incoming).filter(function (k) { return KNOWN.indexOf(k) < 0; });
    var size = unknown.reduce(function (n, k) { return n + k.length + JSON.stringify(incoming[k]).length; }, 0);
    if (unknown.length > MAX_UNKNOWN || size > MAX_UNKNOWN_SIZE) {
      status("That file carries too much that this site does not know (" + unknown.length + " unknown entries, " +
        Math.ceil(size / 1000) + " kB; at most " + MAX_UNKNOWN + " entries and " + MAX_UNKNOWN_SIZE / 1000 +
        " kB); nothing was changed.");
      return;
    }
    ["exported", "site", "rev", "prev"].forEach(function (k) { delete incoming[k]; });
    incoming.version = VERSION;
    var next = rm.migrate(merge ? mergeStates(rm.state(), incoming) : incoming);
    if (!keepBackup()) { status("Storage is not available; nothing was changed."); return; }
    if (!rm.change(next, true)) { status("The import could not be saved; nothing was changed."); return; }
    paint();
    enableUndo();
    status("Imported " + carried(incoming) + " (" + (merge ? "merged" : "replaced") + "). Undo is available.");
  }

  function mergeStates(a, b) { // what is here wins; the file fills gaps (items, notes, plan, unknown keys)
    var out = clone(b), here = clone(a);
    for (var k in here) out[k] = here[k];
    out.version = VERSION;
    for (var id in b.items) if (!out.items[id]) out.items[id] = b.items[id];
    for (var n in b.notes) if (!out.notes[n]) out.notes[n] = b.notes[n];
    return out;
  }

  function reset() {
    if (refuseReadOnly()) return;
    if (!window.confirm("Untick every item on this site? Notes and your plan stay, and a copy is kept so you can undo.")) return;
    if (!keepBackup()) { status("Storage is not available; nothing was changed."); return; }
    var next = clone(rm.state());
    next.items = dict(); // notes and the plan stay
    if (!rm.change(next, true)) { status("The reset could not be saved; nothing was changed."); return; }
    paint();
    enableUndo();
    status("Progress was reset. Undo is available.");
  }

  function undo() {
    if (refuseReadOnly()) return;
    var raw = storage.get(BACKUP);
    if (raw === null) { status("There is nothing to undo."); return; }
    var current = JSON.stringify(plain(rm.state())), previous;
    try { previous = parse(raw); } catch (e) { status("The saved copy could not be read."); return; }
    if (previous.version > VERSION) { status("The saved copy comes from a newer version of this site; nothing was changed."); return; }
    if (!rm.change(rm.migrate(previous), true)) { status("The previous progress could not be saved; nothing was changed."); return; }
    storage.set(BACKUP, current);
    paint();
    status("Restored the previous progress. Undo again to switch back.");
  }

  function forgetNote(id) {
    if (refuseReadOnly() || !window.confirm("Delete this note for good?")) return;
    var next = clone(rm.state());
    delete next.notes[id];
    status(rm.change(next) ? "The note was deleted." : notSaved("Deleting the note was"));
    paint();
  }

  function enableUndo() {
    var btn = document.querySelector('[data-rm-action="undo"]');
    if (btn) btn.disabled = storage.get(BACKUP) === null;
  }

  document.addEventListener("click", function (event) {
    var btn = event.target.closest && event.target.closest("button[data-rm-action]");
    if (!btn) return;
    var action = btn.getAttribute("data-rm-action");
    if (action === "export") exportFile();
    else if (action === "reset") reset();
    else if (action === "undo") undo();
    else if (action === "forget") forgetNote(btn.getAttribute("data-rm-forget"));
    else if (action === "plan-clear") {
      var next = clone(rm.state());
      delete next.plan;
      var ok = rm.change(next);
      paint();
      planStatus(ok ? "Your plan was cleared." : notSaved("Clearing your plan was"));
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-rm-plan-form]")) return;
    event.preventDefault();
    var hours = form.hours.value ? +form.hours.value : null;
    var picked = form.querySelector('input[name="track"]:checked');
    if (!picked) { planStatus("Choose a track."); return; }
    if (dayOf(form.start.value) === null) { planStatus("Choose a start date."); return; }
    var ok = savePlan({ track: picked.value, start: form.start.value, hours: hours > 0 ? hours : null });
    planStatus(ok ? "Your plan was saved in this browser." : notSaved("Your plan is shown but was"));
  });

  document.addEventListener("change", function (event) {
    var t = event.target;
    if (t.matches("[data-rm-next-track]")) {
      savePlan({ track: t.value });
    } else if (t.matches("[data-rm-plan-option]")) {
      var options = dict(dict(rm.state().plan).options);
      options[t.getAttribute("data-rm-plan-option")] = t.value;
      planStatus(savePlan({ options: options }) ? "Your plan was saved in this browser." : notSaved("Your choice is shown but was"));
    } else if (t.matches('input[data-rm-action="import"]') && t.files && t.files[0]) {
      var merge = document.querySelector("[data-rm-import-merge]");
      if (t.files[0].size > MAX_FILE) { status(TOO_BIG); t.value = ""; return; }
      t.files[0].text().then(function (text) {
        importText(text, !merge || merge.checked);
        t.value = "";
      }, function () {
        status("That file could not be read; nothing was changed.");
        t.value = "";
      });
    }
  });

  var tools = {
    paint: function () {
      paintPlan();
      paintNext();
      paintKept();
      paintMyNotes();
      enableUndo();
    }
  };
  function ready() { // the page counts as painted once the plan data has come (or failed to)
    rm.tools = tools;
    paint();
  }
  if (window.roadmapPlanData || !planUrl) {
    ready();
  } else {
    var s = el("script");
    s.src = planUrl;
    s.onload = s.onerror = function () { setTimeout(ready); }; // not in the task that ran the plan data
    document.head.append(s);
  }
})();

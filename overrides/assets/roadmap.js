/* Roadmap: progress kept in this browser (localStorage), no server.
 * A storage wrapper that never throws, a state object, and functions that paint checkboxes,
 * progress bars, the map and notes from it. roadmap-tools.js adds the home and progress page tools. */
(function () {
  "use strict";

  var VERSION = 1;
  // The names shared with the pages and the Python (hooks/roadmapkit/contract.py): the build writes
  // them in place of this copy. A checkbox's key is an item id or ITEM@TRACK/BLOCK (an occurrence);
  // a progress set is "a b ; x1 x2 | y1" (groups of options of ids).
  var CONTRACT = /* contract */ {
    "storageKey": "roadmap", "occurrenceMark": "@", "blockMark": "/",
    "setGroups": " ; ", "setOptions": " | ", "setIds": " "
  } /* end contract */;
  var scope = window.__md_scope || new URL(".", location.href);
  // The key's prefix names the roadmap (content/roadmap.yml); the path keeps sites on one origin apart.
  // By tag and id: a heading that took the same id could not stand in for our config.
  var config = document.querySelector("script#rm-aliases");
  var KEY = ((config && config.getAttribute("data-rm-key")) || CONTRACT.storageKey) + ":" + scope.pathname;
  var state = emptyState();
  var readOnly = null; // null, or why nothing is saved here (said in every "not saved" message)
  var NEWER = "saved by a newer version of this site";
  var STUCK = "the saved progress could not be read and there is no room to keep a copy of it";
  // This tab's changes that no other tab is known to have seen, "section\nid" -> change. Each write
  // is stamped rev "tab:n" and prev (the rev it was merged onto), so a tab can tell whether another
  // tab's write saw its changes (then that write wins) or not (then the changes are applied again).
  var pending = dict();
  var tab = Math.random().toString(36).slice(2, 10), seq = 0;

  /* ---- objects without a prototype: an id like "constructor" or "__proto__" is just a key ---- */
  function has(o, k) { return !!o && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k); }

  function dict(from) {
    var o = Object.create(null);
    if (from && typeof from === "object") for (var k in from) if (has(from, k)) o[k] = from[k];
    return o;
  }

  function bare(key, value) { // a JSON.parse reviver: every object rebuilt without a prototype
    return value && typeof value === "object" && !Array.isArray(value) ? dict(value) : value;
  }

  function json(text) { return JSON.parse(text, bare); }
  function clone(s) { return json(JSON.stringify(s)); }

  function emptyState() {
    var s = dict();
    s.version = VERSION;
    s.items = dict();
    s.notes = dict();
    return s;
  }

  /* ---- storage wrapper: every call is safe, failures become a notice (unless quiet) ---- */
  var storage = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { blocked(); return null; }
    },
    set: function (key, value, quiet) {
      try { window.localStorage.setItem(key, value); return true; } catch (e) {
        if (!quiet) {
          notice(isQuota(e) ? "Your browser's storage is full, so this change could not be saved."
            : "Your browser blocks storage for this site, so progress can't be saved.");
        }
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
  var PROTO_KEYS = ["__proto__", "constructor", "prototype"];

  // strict (imports): a key that names a prototype, at any depth, refuses the whole file.
  function parse(raw, strict) {
    var data = JSON.parse(raw, function (key, value) {
      if (strict && PROTO_KEYS.indexOf(key) >= 0) {
        var e = new Error("it has a key named '" + key + "'");
        e.refused = key;
        throw e;
      }
      return bare(key, value);
    });
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("not an object");
    if (!Number.isFinite(data.version)) throw new Error("no version");
    if (!data.items || typeof data.items !== "object" || Array.isArray(data.items)) throw new Error("no items");
    for (var id in data.items) {
      var v = data.items[id];
      if (v !== true && !Number.isFinite(v)) throw new Error("bad value for " + id); // 1e999 is Infinity
    }
    if (data.notes !== undefined && (!data.notes || typeof data.notes !== "object" || Array.isArray(data.notes))) {
      throw new Error("bad notes");
    }
    data.notes = data.notes || dict();
    for (var n in data.notes) if (typeof data.notes[n] !== "string") throw new Error("bad note for " + n);
    if (data.plan !== undefined && (!data.plan || typeof data.plan !== "object")) throw new Error("bad plan");
    return data;
  }

  function load() {
    var raw = storage.get(KEY);
    readOnly = null;
    state = emptyState();
    if (raw !== null) {
      try {
        state = parse(raw);
      } catch (e) {
        unreadable(raw);
        return;
      }
      if (state.version > VERSION) {
        readOnly = NEWER;
        pending = dict();
        notice("Progress was saved by a newer version of this site; it is shown here read-only: " +
          "changes made here are not saved.");
        return;
      }
      var moved = migrate(state);
      if (moved !== state) change(moved);
    }
    readAliases().keys.forEach(moveFrom);
  }

  /* A record under a former storage key (storage_key_aliases in content/roadmap.yml) joins this one
     (ticks, notes, the plan if there is none here). It is removed only once the joined record is
     stored; a note that does not fit beside this one's is kept under "KEY:ID" (the progress page
     lists it). If even that is taken, or the two plans differ, the former record stays as it is. */
  function moveFrom(prefix) {
    var old = prefix + ":" + scope.pathname, raw = storage.get(old), there;
    if (raw === null || old === KEY || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(prefix)) return;
    try { there = parse(raw); } catch (e) { return; } // unreadable: left as it is
    if (there.version > VERSION) return;
    var next = clone(state), whole = true;
    ["items", "notes"].forEach(function (section) {
      for (var id in there[section]) {
        var o = next[section], v = joined(section, get(o, id), there[section][id], prefix), at = id;
        if (v === null) v = joined(section, get(o, at = prefix + ":" + id), there[section][id], prefix);
        if (v === null) whole = false; else o[at] = v;
      }
    });
    for (var k in there) { // the plan, keys of later versions: one that differs from this one's keeps the record
      if (!has(next, k)) next[k] = there[k]; else if (OWN.indexOf(k) < 0 && !same(next[k], there[k])) whole = false;
    }
    next = migrate(next); // written only if it adds something: a record that stays is merged on every load
    if ((same(next, state) || change(next)) && whole) storage.remove(old); // unsaved: the former record stays
  }

  // One id's values from two records: a tick if either is ticked; both notes (the second after a
  // mark naming where it came from) when they fit the note editor's limit, else null.
  var NOTE_MAX = 1000;
  function joined(section, here, there, from) {
    var mark = "\n\n(" + from + ") ";
    if (section === "items" || !here || !there) return here || there;
    if (here === there || here.slice(-(mark + there).length) === mark + there) return here; // joined before
    return (here + mark + there).length <= NOTE_MAX ? here + mark + there : null;
  }

  // The unreadable record is removed only once its copy is safely stored; otherwise it stays as it
  // is, nothing is written over it and the page works in memory only.
  function unreadable(raw) {
    var aside = KEY + ":corrupt:" + Date.now();
    state = emptyState();
    if (storage.set(aside, raw, true) && storage.get(aside) === raw) {
      storage.remove(KEY);
      notice("Saved progress could not be read, so it starts empty. The unreadable copy was kept aside under '" +
        aside + "'.");
    } else {
      readOnly = STUCK;
      pending = dict();
      notice("Saved progress could not be read and there is no room to keep a copy of it, so it was left as " +
        "it is: progress can't be saved in this browser for now (changes here are not saved), and nothing was lost.");
    }
  }

  /* Renames: ticks, notes and the plan follow former ids (aliases in the page) of items, tracks and
     blocks. An occurrence key ITEM@TRACK/BLOCK is renamed part by part. Two ids that become one join
     (joined()); a note that does not fit stays under its former id. A new state if anything moved. */
  function migrate(s) {
    var a = readAliases(), out = s;
    function renamed(key) {
      var at = key.indexOf(CONTRACT.occurrenceMark), slash = key.indexOf(CONTRACT.blockMark, at);
      if (at < 0) return follow(a.items, key);
      if (slash < 0) return key;
      var trk = follow(a.tracks, key.slice(at + 1, slash));
      var block = follow(dict(get(a.blocks, trk)), key.slice(slash + 1));
      return follow(a.items, key.slice(0, at)) + CONTRACT.occurrenceMark + trk + CONTRACT.blockMark + block;
    }
    ["items", "notes"].forEach(function (section) {
      Object.keys(dict(s[section])).forEach(function (old) {
        var now = renamed(old), o = out[section], v = joined(section, get(o, now), o[old], old);
        if (now === old || v === null) return;
        if (out === s) o = (out = clone(s))[section];
        o[now] = v;
        delete o[old];
      });
    });
    var plan = s.plan && typeof s.plan.track === "string" ? s.plan : null;
    if (plan && follow(a.tracks, plan.track) !== plan.track) {
      if (out === s) out = clone(s);
      out.plan.track = follow(a.tracks, plan.track);
    }
    return out;
  }

  // Where a former id leads, followed to its end (A -> B -> C); an id in a loop stays as it is.
  function follow(map, key) {
    for (var at = key, seen = []; typeof get(map, at) === "string"; at = map[at]) {
      if (seen.indexOf(at) >= 0) return key;
      seen.push(at);
    }
    return at;
  }

  function readAliases() { // {items: {old: new}, tracks: {old: new}, blocks: {track: {old: new}}, keys: [former storage keys]}
    var el = document.querySelector("script#rm-aliases"), a = dict();
    try { a = el ? json(el.textContent) : dict(); } catch (e) { /* none */ }
    ["items", "tracks", "blocks"].forEach(function (k) { a[k] = dict(get(a, k)); });
    a.keys = Array.isArray(a.keys) ? a.keys.filter(function (k) { return typeof k === "string"; }) : [];
    return a;
  }

  /* ---- changes: item by item, merged with what is stored, so tabs never lose each other's ---- */
  function get(o, k) { return has(o, k) ? o[k] : undefined; }
  function same(a, b) { return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b)); }
  function agrees(c, s) {
    var now = get(c.section ? s[c.section] : s, c.id);
    return c.section === "items" ? !!now === !!c.value : same(now, c.value);
  }
  var OWN = ["version", "items", "notes", "rev", "prev"]; // items and notes change one entry at a time

  function remember(a, b) { // every difference from a to b becomes a pending change
    function note(section, id) {
      var x = get(section ? a[section] : a, id), y = get(section ? b[section] : b, id);
      if (!same(x, y)) pending[section + "\n" + id] = { section: section, id: id, value: y, seq: seq + 1 };
    }
    ["items", "notes"].forEach(function (section) {
      Object.keys(dict(a[section])).concat(Object.keys(dict(b[section]))).forEach(function (id) { note(section, id); });
    });
    Object.keys(a).concat(Object.keys(b)).forEach(function (k) { if (OWN.indexOf(k) < 0) note("", k); });
  }

  function applyPending(base) {
    var out = clone(base);
    out.items = out.items || dict();
    out.notes = out.notes || dict();
    for (var k in pending) {
      var c = pending[k], o = c.section ? out[c.section] : out;
      if (c.value === undefined) delete o[c.id]; else o[c.id] = c.value;
    }
    return out;
  }

  function stored() { // what is stored now: a state, null when nothing is, false when it can't be merged with
    var raw = storage.get(KEY);
    if (raw === null) return null;
    try { var s = parse(raw); return s.version > VERSION ? false : s; } catch (e) { return false; }
  }

  // Write this tab's pending changes on top of what is stored now.
  function commit() {
    var base = stored();
    if (base === false) { // unreadable or newer: load() keeps it aside or goes read-only
      load();
      if (readOnly) return false;
      base = stored() || null;
    }
    var next = applyPending(base || state);
    next.version = VERSION;
    if (base && typeof base.rev === "string") next.prev = base.rev; else delete next.prev;
    next.rev = tab + ":" + (seq + 1);
    state = next;
    if (!storage.set(KEY, JSON.stringify(next))) return false;
    seq++;
    return true;
  }

  /* Replace the state with next (a new object: callers change a clone()); true once it is stored.
     In read-only mode the change is shown but not saved, and the notice says so. With atomic, a
     change that can't be stored is undone. */
  function change(next, atomic) {
    if (readOnly) {
      if (!atomic) state = next;
      notice("Not saved (read-only: " + readOnly + ").");
      return false;
    }
    var before = state, waiting = dict(pending);
    remember(state, next);
    state = next;
    if (commit()) return true;
    if (atomic) { state = before; pending = waiting; }
    return false;
  }

  // Another tab wrote (or the page came back from the back/forward cache): take what is stored,
  // drop this tab's changes that it has seen or agrees with, and apply the others again.
  function sync() {
    load();
    if (readOnly) return;
    var rev = typeof state.rev === "string" ? state.rev : "";
    if (rev.indexOf(tab + ":") === 0) return; // our own latest write: it has every pending change
    var prev = typeof state.prev === "string" ? state.prev.split(":") : [];
    var left = false;
    for (var k in pending) {
      var c = pending[k];
      if ((prev[0] === tab && +prev[1] >= c.seq) || agrees(c, state)) delete pending[k]; else left = true;
    }
    if (left) commit();
  }

  /* ---- painting ---- */
  function boxes(id) {
    var sel = "input[data-roadmap-id]" + (id ? '[data-roadmap-id="' + CSS.escape(id) + '"]' : "");
    return document.querySelectorAll(sel);
  }

  // A ticked box's label is struck through by a class, not by .rm-check:has(input:checked): every
  // style recalculation of a page (Material makes five as it starts) paid for that :has() on each label.
  function tick(box, on) {
    box.checked = on;
    var label = box.parentNode;
    if (label && label.classList.contains("rm-check")) label.classList.toggle("rm-check--done", on);
  }

  function paint() {
    performance.mark("rm:paint:start");
    boxes().forEach(function (box) {
      tick(box, !!get(state.items, box.getAttribute("data-roadmap-id")));
    });
    paintBars();
    paintContinue();
    paintLists();
    // Ready once everything this page shows is painted (pages with tools wait for roadmap-tools.js).
    // An attribute, not a class: Material's `table:not([class])` rules make any class change on <html>
    // restyle the whole page (about 150 ms on the largest track page at Lighthouse's 4x slowdown).
    document.documentElement.toggleAttribute("data-rm-ready", !!api.tools || !document.querySelector("[data-rm-tools]"));
    performance.measure("rm:paint", "rm:paint:start"); // read by bench/bench.py
  }

  // A set ("a b | c ; d": groups of options of ids) is split once per page load, then counted with
  // plain loops: home and progress count every phase and track on each paint.
  var parsedSets = new Map();
  function count(set) {
    var groups = parsedSets.get(set);
    if (!groups) {
      groups = set.split(CONTRACT.setGroups).map(function (group) {
        return group.split(CONTRACT.setOptions).map(function (option) {
          return option.split(CONTRACT.setIds).filter(Boolean);
        });
      });
      parsedSets.set(set, groups);
    }
    var done = 0, total = 0, items = state.items;
    for (var g = 0; g < groups.length; g++) {
      var best = null;
      for (var o = 0; o < groups[g].length; o++) {
        var ids = groups[g][o], n = 0;
        for (var i = 0; i < ids.length; i++) if (get(items, ids[i])) n++;
        if (!best || n > best.done || (n === best.done && n === 0 && ids.length > best.total)) {
          best = { done: n, total: ids.length };
        }
      }
      if (best) { done += best.done; total += best.total; }
    }
    return { done: done, total: total };
  }

  // "done n of m times": an item with occurrences, counted from its own box and its occurrence keys.
  function paintTimes() {
    document.querySelectorAll("[data-rm-times]").forEach(function (span) {
      var keys = span.getAttribute("data-rm-times").split(" ");
      var n = keys.filter(function (k) { return get(state.items, k); }).length;
      setText(span, "done " + n + " of " + keys.length + " times");
    });
  }

  function paintLists() {
    paintTimes();
    paintMap();
    if (api.tools) api.tools.paint();
    paintNotes();
  }

  function paintBars() {
    var sum = { done: 0, total: 0 }; // data-rm-sum bars add up the data-rm-part bars (the phases)
    document.querySelectorAll(".rm-progress[data-rm-set]").forEach(function (bar) {
      var c = count(bar.getAttribute("data-rm-set"));
      if (bar.hasAttribute("data-rm-part")) { sum.done += c.done; sum.total += c.total; }
      paintBar(bar, c);
    });
    document.querySelectorAll(".rm-progress[data-rm-sum]").forEach(function (bar) { paintBar(bar, sum); });
    document.querySelectorAll(".rm-progress[data-rm-track]").forEach(function (bar) { // sets from roadmap-plan.js
      var id = bar.getAttribute("data-rm-track"), sets = window.roadmapSets;
      if (has(sets, id) && typeof sets[id] === "string") paintBar(bar, count(sets[id]));
    });
  }

  function paintBar(bar, c) {
    var pct = c.total ? Math.round((100 * c.done) / c.total) : 0;
    setAttr(bar, "aria-valuenow", c.done);
    setAttr(bar, "aria-valuemax", c.total);
    setAttr(bar, "aria-valuetext", c.done + " of " + c.total + " done");
    bar.classList.toggle("rm-progress--done", c.total > 0 && c.done === c.total);
    var fill = bar.querySelector(".rm-progress__fill");
    if (fill && fill.style.width !== pct + "%") fill.style.width = pct + "%";
    setText(bar.querySelector(".rm-progress__text"), c.done + " / " + c.total);
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
      setAttr(node, "aria-label", node.getAttribute("data-rm-label") + ", " + c.done + " of " + c.total +
        " done" + (st === "todo" ? "" : " (" + st + ")"));
      setText(node.querySelector(".rm-node__count"), c.done + "/" + c.total);
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

  /* ---- DOM helpers: text only, never HTML ---- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Paints write only what differs: an unchanged text or attribute written again still makes the
  // browser lay the page out again (the map's SVG labels on every load, the bars on every tick).
  function setText(node, text) { if (node && node.textContent !== text) node.textContent = text; }
  function setAttr(node, name, value) { if (node.getAttribute(name) !== String(value)) node.setAttribute(name, value); }

  /* ---- notes: plain text under every place an item appears ---- */
  function paintNotes() {
    document.querySelectorAll(".rm-usernote").forEach(function (p) {
      if (!get(state.notes, p.getAttribute("data-rm-note-for"))) p.remove();
    });
    document.querySelectorAll(".rm-note-btn--has").forEach(function (b) {
      if (!get(state.notes, b.getAttribute("data-rm-note"))) b.classList.remove("rm-note-btn--has");
    });
    Object.keys(state.notes).forEach(function (id) {
      var text = state.notes[id];
      if (!text) return;
      boxes(id).forEach(function (box) {
        var row = box.closest(".rm-row") || box.parentNode;
        var next = itemOf(row).querySelector(":scope > .rm-usernote");
        if (!next) {
          next = el("p", "rm-usernote");
          next.setAttribute("data-rm-note-for", id);
          under(row, next);
        }
        next.textContent = text;
        var btn = row.querySelector("[data-rm-note]");
        if (btn) btn.classList.add("rm-note-btn--has");
      });
    });
  }

  // A row is the item's <li> itself (phase and track pages: fewer elements) or a <div> inside it (rows
  // roadmap-tools.js builds); a note and the editor go under the row either way.
  function itemOf(row) { return row.matches("li") ? row : row.parentNode; }
  function under(row, node) {
    if (row.matches("li")) row.append(node); else row.after(node);
  }

  /* Phase and track pages have ONE note button, not one per item: pointing at a row (mouse or pen) or
     focusing anything in it moves the button right after the row's label, so Tab from a checkbox
     reaches it. A touch screen points at nothing before a tap, and a tap on the row's label ticks it:
     there every row shows a button of its own (touchNotes), in the room its label keeps for it. Rows
     roadmap-tools.js builds keep their own button; occurrences take none. */
  var roam = null, touch = !!window.matchMedia && matchMedia("(any-pointer: coarse)").matches;
  function noteRow(node) { // the row node is in, if it takes the page's note button
    var row = node && node.closest ? node.closest("li.rm-row") : null;
    var box = row && row.querySelector(":scope > .rm-check > input[data-roadmap-id]");
    return box && box.getAttribute("data-roadmap-id").indexOf(CONTRACT.occurrenceMark) < 0 &&
      !row.querySelector("[data-rm-note]:not(.rm-note-roam)") ? row : null;
  }

  function moveNote(row) { // the row's note button (on a touch screen its own), brought up to date
    var own = touch && row.querySelector(":scope > .rm-note-roam");
    if (own) roam = own;
    else if (touch || !roam) {
      roam = el("button", "rm-note-btn rm-note-roam", "\u270e");
      roam.type = "button";
      roam.title = "Write a note (N on the checkbox)";
      roam.tabIndex = -1; // one Tab stop per item: the keyboard opens the note with N on its checkbox
      roam.setAttribute("aria-keyshortcuts", "N");
    }
    var label = row.querySelector(":scope > .rm-check"), id = label.querySelector("input").getAttribute("data-roadmap-id");
    roam.setAttribute("data-rm-note", id);
    roam.setAttribute("aria-label", "Note on " + label.textContent.trim());
    roam.setAttribute("aria-expanded", String(!!row.querySelector(":scope > .rm-note-edit")));
    roam.classList.toggle("rm-note-btn--has", !!get(state.notes, id));
    if (roam.previousSibling !== label) label.after(roam);
    return roam;
  }

  function touchNotes() {
    if (touch) document.querySelectorAll("li.rm-row").forEach(function (row) { if (noteRow(row)) moveNote(row); });
  }

  function roamTo(event) {
    var row = noteRow(event.target);
    if (!row || (roam && roam.parentNode === row)) return;
    // A pointer passing by (or the page scrolling under a resting pointer) leaves the button where the
    // keyboard or an open editor is using it.
    var at = document.activeElement;
    if (event.type !== "focusin" && roam && (at === roam || document.querySelector(".rm-note-edit") ||
      (at && at.matches(":focus-visible") && noteRow(at)))) return;
    moveNote(row);
  }
  document.addEventListener("focusin", roamTo);
  document.addEventListener("pointerover", roamTo);
  document.addEventListener("click", function (event) { // a "next unticked item" link: the first open box after it
    var link = event.target.closest && event.target.closest("[data-rm-unticked]");
    var open = link ? document.querySelectorAll("input[data-roadmap-id]:not(:checked)") : [];
    for (var i = 0; i < open.length; i++) {
      var folded = open[i].closest("details:not([open])"); // a box in a folded part of a long track
      if (link.compareDocumentPosition(open[i]) & 4 && (folded || open[i].getClientRects().length)) {
        event.preventDefault();
        event.stopPropagation(); // before instant navigation, which would take the link as a jump
        if (folded) folded.open = true;
        open[i].focus();
        return;
      }
    }
  }, true);
  document.addEventListener("keydown", function (event) { // N on an item's checkbox opens its note
    var row = event.key.toLowerCase() === "n" && !(event.ctrlKey || event.metaKey || event.altKey) &&
      event.target.matches("input[data-roadmap-id]") ? noteRow(event.target) : null;
    if (!row) return;
    event.preventDefault();
    moveNote(row).click();
  });

  function toggleNote(btn) {
    var id = btn.getAttribute("data-rm-note"), row = btn.closest(".rm-row") || btn.parentNode;
    var open = itemOf(row).querySelector(":scope > .rm-note-edit");
    if (open) { open.remove(); btn.setAttribute("aria-expanded", "false"); return; }
    document.querySelectorAll(".rm-note-edit").forEach(function (other) { // one editor on the page
      var was = other.parentNode.querySelector('[aria-expanded="true"][data-rm-note]');
      if (was) was.setAttribute("aria-expanded", "false");
      other.remove();
    });
    var box = el("div", "rm-note-edit"), label = el("label", "", "Your note (only in this browser)");
    var area = el("textarea");
    area.maxLength = 1000;
    area.rows = 3;
    area.value = get(state.notes, id) || "";
    label.append(area);
    var ok = el("button", "md-button", "Save note"), cancel = el("button", "md-button", "Cancel");
    ok.type = cancel.type = "button";
    ok.setAttribute("data-rm-note-save", id);
    cancel.setAttribute("data-rm-note-cancel", "");
    box.append(label, ok, " ", cancel);
    under(row, box);
    btn.setAttribute("aria-expanded", "true");
    area.focus();
  }

  function closeNote(button, saveIt) {
    var box = button.closest(".rm-note-edit"), item = box.parentNode;
    var row = item.matches(".rm-row") ? item : item.querySelector(":scope > .rm-row");
    if (saveIt) {
      var id = button.getAttribute("data-rm-note-save"), text = box.querySelector("textarea").value.trim();
      var next = clone(state);
      if (text) next.notes[id] = text; else delete next.notes[id];
      change(next);
      paintLists(); // notes, and the progress page's list of them
    }
    box.remove();
    if (row && noteRow(row)) moveNote(row); // the page's button comes back to this row
    var btn = row && row.querySelector("[data-rm-note]");
    if (btn) { btn.setAttribute("aria-expanded", "false"); (btn === roam ? row.querySelector("input") : btn).focus(); }
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
      var next = clone(state);
      if (el.checked) next.items[id] = Date.now(); else delete next.items[id];
      change(next); // in read-only mode the notice says it was not saved
      boxes(id).forEach(function (box) { tick(box, el.checked); });
      paintBars();
      paintContinue();
      paintMap();
      paintTimes();
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
    if (event.persisted) { sync(); paint(); } // restored from the back/forward cache
  });

  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) { sync(); paint(); }
  });

  /* The plan, "what next", export/import and reset live in roadmap-tools.js, fetched only by
     pages that have them (home and progress); it registers itself as api.tools. */
  var toolsUrl = document.currentScript && document.currentScript.src.replace(/roadmap\.js(\?.*)?$/, "roadmap-tools.js");
  // Material wraps Markdown tables in a scrolling box: a keyboard can scroll it once it is focusable.
  function focusableTables() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    wraps.forEach(function (wrap, n) {
      if (wrap.hasAttribute("tabindex")) return;
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      // Each region needs its own name: "Table 2 of 3 (scrolls sideways)" where a page has several.
      wrap.setAttribute("aria-label", "Table" + (wraps.length > 1 ? " " + (n + 1) + " of " + wraps.length : "") +
        " (scrolls sideways)");
    });
  }

  // A long track folds its parts but the first. Open the one the learner is in: the part of their
  // furthest tick, or the part after it when that tick was the part's last box (skipped items and
  // unchosen options earlier on do not hold the page back).
  function openCurrentPart() {
    var done = document.querySelectorAll("details.rm-part input[data-roadmap-id]:checked");
    var last = done[done.length - 1];
    if (!last) return;
    var part = last.closest("details.rm-part"), inPart = part.querySelectorAll("input[data-roadmap-id]");
    var parts = document.querySelectorAll("details.rm-part");
    var after = parts[Array.prototype.indexOf.call(parts, part) + 1];
    (inPart[inPart.length - 1] === last && after ? after : part).open = true;
  }

  function onPage() {
    focusableTables();
    showNotices();
    paint();
    touchNotes();
    openCurrentPart();
    if (!api.tools && toolsUrl && document.querySelector("[data-rm-tools]") && !document.querySelector("script#rm-tools-js")) {
      var s = el("script");
      s.id = "rm-tools-js";
      s.src = toolsUrl;
      document.head.append(s);
    }
  }

  var api = window.roadmapKit = {
    key: KEY, contract: CONTRACT, count: count, VERSION: VERSION, storage: storage, scope: scope, tools: null,
    // state() is read-only for callers: they change a clone() and pass it to change().
    state: function () { return state; },
    change: change, clone: clone, dict: dict, has: has, json: json, migrate: migrate,
    readOnly: function () { return readOnly; },
    parse: parse, paint: paint, status: status, el: el, tick: tick
  };

  load();
  // Material's document$ fires on every instant navigation; the DOM-ready call covers pages
  // where it never fires (opened from disk, or Material's script failed). Painting is idempotent.
  // Material's handler runs first (its script comes first), so once it has painted the page the
  // DOM-ready call has nothing to add: it is skipped rather than painting the page twice.
  // The first paint gets a task of its own after the one in which Material's components start
  // (boxes stay hidden until then: html:not([data-rm-ready])), two shorter tasks instead of one
  // long one. After instant navigation it paints at once: the old page's data-rm-ready would show
  // the new page's boxes unticked for a frame.
  var byMaterial = false;
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      if (byMaterial) { onPage(); } else { byMaterial = true; setTimeout(onPage); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { if (!byMaterial) onPage(); });
  } else if (!byMaterial) {
    onPage();
  }


})();

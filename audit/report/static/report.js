(function () {
  "use strict";
  var d = document;
  var catBoxes = Array.prototype.slice.call(d.querySelectorAll('input[name="cat"]'));
  var sevBoxes = Array.prototype.slice.call(d.querySelectorAll('input[name="sev"]'));
  var docSel = d.getElementById("f-doc");
  var onlyBox = d.getElementById("f-only");
  var counter = d.getElementById("f-count");
  var tip = d.getElementById("tip");
  var items = Array.prototype.slice.call(d.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(d.querySelectorAll("mark.hl, .tag"));
  var sections = Array.prototype.slice.call(d.querySelectorAll("section.doc"));
  var pairs = Array.prototype.slice.call(d.querySelectorAll(".pair"));
  var byId = {};
  items.forEach(function (li) { byId[li.getAttribute("data-f")] = li; });
  var visible = {};
  var active = null;

  function checked(boxes) {
    var s = {};
    boxes.forEach(function (b) { if (b.checked) { s[b.value] = true; } });
    return s;
  }

  function apply() {
    var cats = checked(catBoxes), sevs = checked(sevBoxes);
    var only = docSel ? docSel.value : "";
    var shown = 0;
    sections.forEach(function (s) { s.hidden = only !== "" && s.getAttribute("data-doc") !== only; });
    items.forEach(function (li) {
      var on = !!cats[li.getAttribute("data-cat")] && !!sevs[li.getAttribute("data-sev")];
      visible[li.getAttribute("data-f")] = on;
      li.hidden = !on;
      var sec = li.closest("section.doc");
      if (on && !(sec && sec.hidden)) { shown += 1; }
    });
    marks.forEach(function (m) {
      var on = visible[m.getAttribute("data-f")] !== false;
      m.classList.toggle("off", !on);
      if (m.classList.contains("tag")) { m.hidden = !on; }
      if (m.hasAttribute("tabindex")) { m.tabIndex = on ? 0 : -1; }
    });
    pairs.forEach(function (p) {
      var any = false;
      p.querySelectorAll("[data-f]").forEach(function (el) {
        if (visible[el.getAttribute("data-f")]) { any = true; }
      });
      p.classList.toggle("hasf", any);
      p.hidden = !!(onlyBox && onlyBox.checked) && !any;
      var ol = p.querySelector("ol.flist");
      if (ol) { ol.hidden = !ol.querySelector("li.finding:not([hidden])"); }
    });
    d.querySelectorAll("ol.flist.loose").forEach(function (ol) {
      ol.hidden = !ol.querySelector("li.finding:not([hidden])");
    });
    if (counter) { counter.textContent = shown + " of " + items.length + " findings shown"; }
    hideTip();
  }

  function setActive(fid) {
    d.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    active = fid;
    if (fid === null) { return; }
    d.querySelectorAll('[data-f="' + fid + '"]').forEach(function (el) {
      if (!el.classList.contains("tag")) { el.classList.add("active"); }
    });
  }

  function navigable() {
    return items.filter(function (li) {
      if (li.hidden) { return false; }
      var sec = li.closest("section.doc"), pair = li.closest(".pair");
      return !(sec && sec.hidden) && !(pair && pair.hidden);
    });
  }

  function goTo(li) {
    var fid = li.getAttribute("data-f");
    var m = d.getElementById("hl-" + fid);
    var target = (m && !m.classList.contains("off")) ? m : li;
    setActive(fid);
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    if (target === m) { showTip(m); }
  }

  function step(delta) {
    var list = navigable();
    if (!list.length) { return; }
    var i = -1;
    for (var k = 0; k < list.length; k += 1) {
      if (list[k].getAttribute("data-f") === active) { i = k; break; }
    }
    if (i < 0) {
      // start from the first finding below the top of the view
      var top = window.scrollY + 140;
      i = delta > 0 ? -1 : list.length;
      for (var j = 0; j < list.length; j += 1) {
        var y = list[j].getBoundingClientRect().top + window.scrollY;
        if (y >= top) { i = delta > 0 ? j - 1 : j; break; }
      }
    }
    var n = (i + delta + list.length) % list.length;
    goTo(list[n]);
  }

  function tipLines(el) {
    var lines = [], seen = {};
    for (var node = el; node && node.matches; node = node.parentElement) {
      if (!node.matches("mark.hl")) { if (node.classList.contains("side")) { break; } continue; }
      var fid = node.getAttribute("data-f");
      if (seen[fid] || visible[fid] === false) { continue; }
      seen[fid] = true;
      var li = byId[fid];
      if (!li) { continue; }
      lines.push({
        head: li.querySelector(".fnum").textContent + " " + li.getAttribute("data-sev") + " " + li.getAttribute("data-cat"),
        msg: li.querySelector(".msg").textContent
      });
    }
    return lines;
  }

  function showTip(el) {
    var lines = tipLines(el);
    if (!lines.length || !tip) { hideTip(); return; }
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    lines.forEach(function (l) {
      var p = d.createElement("p"), b = d.createElement("b");
      b.textContent = l.head;
      p.appendChild(b);
      p.appendChild(d.createTextNode(" " + l.msg));
      tip.appendChild(p);
    });
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var w = tip.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + d.documentElement.clientWidth - w - 8));
    tip.style.left = left + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  }

  function hideTip() { if (tip) { tip.hidden = true; } }

  catBoxes.concat(sevBoxes).forEach(function (b) { b.addEventListener("change", apply); });
  if (onlyBox) { onlyBox.addEventListener("change", apply); }
  if (docSel) {
    docSel.addEventListener("change", function () {
      apply();
      var sec = sections.filter(function (s) { return s.getAttribute("data-doc") === docSel.value; })[0];
      if (sec) { sec.scrollIntoView({ block: "start" }); }
    });
  }
  var all = d.getElementById("cat-all"), none = d.getElementById("cat-none");
  if (all) { all.addEventListener("click", function () { catBoxes.forEach(function (b) { b.checked = true; }); apply(); }); }
  if (none) { none.addEventListener("click", function () { catBoxes.forEach(function (b) { b.checked = false; }); apply(); }); }
  var next = d.getElementById("next"), prev = d.getElementById("prev");
  if (next) { next.addEventListener("click", function () { step(1); }); }
  if (prev) { prev.addEventListener("click", function () { step(-1); }); }

  // links to a document the document filter hides: show every document again
  d.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (a) {
      var t = d.getElementById(a.getAttribute("href").slice(1));
      var sec = t && t.closest("section.doc");
      if (sec && sec.hidden && docSel) { docSel.value = ""; apply(); }
      if (t && t.matches("mark.hl")) { setActive(t.getAttribute("data-f")); }
      return;
    }
    var m = ev.target.closest ? ev.target.closest("mark.hl") : null;
    if (m && !m.classList.contains("off")) { setActive(m.getAttribute("data-f")); showTip(m); }
  });

  d.addEventListener("focusin", function (ev) {
    var m = ev.target;
    if (m.matches && m.matches("mark.hl") && !m.classList.contains("off")) {
      setActive(m.getAttribute("data-f"));
      showTip(m);
    }
  });
  d.addEventListener("focusout", function (ev) {
    if (ev.target.matches && ev.target.matches("mark.hl")) { hideTip(); }
  });
  d.addEventListener("mouseover", function (ev) {
    var m = ev.target.closest ? ev.target.closest("mark.hl") : null;
    if (m && !m.classList.contains("off")) { showTip(ev.target.closest("mark.hl")); }
  });
  d.addEventListener("mouseout", function (ev) {
    var m = ev.target.closest ? ev.target.closest("mark.hl") : null;
    if (m && d.activeElement !== m) { hideTip(); }
  });

  d.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    var t = ev.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (t && t.isContentEditable)) {
      if (ev.key === "Escape" && t.blur) { t.blur(); }
      return;
    }
    if (ev.key === "n" || ev.key === "j") { ev.preventDefault(); step(1); }
    else if (ev.key === "p" || ev.key === "k") { ev.preventDefault(); step(-1); }
    else if (ev.key === "Escape") { hideTip(); setActive(null); }
    else if (ev.key === "Enter" && t && t.matches && t.matches("mark.hl")) {
      var li = byId[t.getAttribute("data-f")];
      if (li) { ev.preventDefault(); setActive(t.getAttribute("data-f")); li.scrollIntoView({ block: "center" }); li.focus({ preventScroll: true }); }
    }
  });

  var ledgerOnly = d.getElementById("ledger-only");
  if (ledgerOnly) {
    ledgerOnly.addEventListener("change", function () {
      d.querySelectorAll("tbody.lrow").forEach(function (tb) {
        tb.hidden = ledgerOnly.checked && !tb.classList.contains("disagree");
      });
    });
  }

  d.documentElement.classList.add("js");
  apply();
}());

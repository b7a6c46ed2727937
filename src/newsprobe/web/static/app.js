// newsprobe article page: layer toggles, and the details of the findings under a clicked highlight.
// All article content reaches the page as text nodes (textContent), never as HTML.
"use strict";

(function () {
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var text = document.getElementById("text");
    var store = document.getElementById("findings");
    if (!text || !store) return;
    var findings = JSON.parse(store.textContent);
    var body = document.getElementById("details-body");
    var hint = document.getElementById("details-hint");
    var boxes = document.querySelectorAll("#legend input[data-layer]");

    function hidden(layer) {
      return text.classList.contains("off-" + layer);
    }

    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("off-" + box.dataset.layer, !box.checked);
      });
    });

    function clearSelection() {
      text.querySelectorAll(".hl.sel").forEach(function (el) { el.classList.remove("sel"); });
    }

    function card(fid) {
      var f = findings[fid];
      var section = document.createElement("article");
      section.className = "finding f-" + f.layer;
      section.dataset.fid = fid;
      var h = document.createElement("h3");
      h.textContent = f.title;
      section.appendChild(h);
      var dl = document.createElement("dl");
      f.fields.forEach(function (pair) {
        var dt = document.createElement("dt");
        dt.textContent = pair[0];
        var dd = document.createElement("dd");
        dd.textContent = pair[1];
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      section.appendChild(dl);
      return section;
    }

    function show(fids) {
      clearSelection();
      body.replaceChildren();
      var shown = fids.filter(function (fid) { return findings[fid] && !hidden(findings[fid].layer); });
      hint.hidden = shown.length > 0;
      shown.forEach(function (fid) {
        body.appendChild(card(fid));
        text.querySelectorAll('[data-f~="' + fid + '"]').forEach(function (el) { el.classList.add("sel"); });
      });
    }

    text.addEventListener("click", function (event) {
      var segment = event.target.closest(".hl");
      if (!segment) { show([]); return; }
      show(segment.dataset.f.split(" "));
    });

    document.querySelectorAll("a.jump").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var fid = link.dataset.target;
        var first = text.querySelector('[data-f~="' + fid + '"]');
        if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
        var layer = findings[fid] && findings[fid].layer;
        if (layer && hidden(layer)) {
          var box = document.querySelector('#legend input[data-layer="' + layer + '"]');
          box.checked = true;
          text.classList.remove("off-" + layer);
        }
        show([fid]);
      });
    });
  });
})();

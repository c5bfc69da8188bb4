(function () {
  "use strict";
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  function pieces(kind, id) {
    var out = [], nodes = document.querySelectorAll("article ." + kind);
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].getAttribute("data-" + kind) === id) { out.push(nodes[i]); }
    }
    return out;
  }
  function clear() {
    var old = document.querySelectorAll(".is-active");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("is-active"); }
  }
  function openParents(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
  }
  function show(kind, id) {
    var first = document.getElementById(kind + "-" + id);
    if (!first) { return false; }
    clear();
    var all = pieces(kind, id);
    for (var i = 0; i < all.length; i++) { all[i].classList.add("is-active"); }
    first.classList.add("is-active");
    openParents(first);
    first.scrollIntoView({block: "center", behavior: reduced ? "auto" : "smooth"});
    if (window.history && history.replaceState) { history.replaceState(null, "", "#" + kind + "-" + id); }
    return true;
  }
  var MAX_ZOOM = 1024;
  function each(nodes, fn) { Array.prototype.forEach.call(nodes, fn); }
  function num(el, name) { return parseFloat(el.getAttribute("data-" + name)); }
  function place(svg, k) {
    // Widen the drawing k times and move every group to its fraction of the span; text keeps its size.
    var pad = num(svg, "pad"), axis = num(svg, "axis"), dip = num(svg, "dip"), gap = num(svg, "gap");
    var width = num(svg, "width") * k, shown = [], last = {}, labelGap = num(svg, "label-gap");
    function x(t) { return Math.round((pad + (width - 2 * pad) * t) * 10) / 10; }
    svg.setAttribute("viewBox", "0 0 " + width + " " + num(svg, "height"));
    svg.style.width = (100 * k) + "%";
    svg.querySelector(".axis").setAttribute("x2", width - pad);
    each(svg.querySelectorAll("g[data-t]"), function (g) {
      g.setAttribute("transform", "translate(" + x(num(g, "t")) + " 0)");
    });
    each(svg.querySelectorAll(".conflict-link"), function (p) {
      var a = x(num(p, "t1")), b = x(num(p, "t2"));
      p.setAttribute("d", "M" + a + " " + axis + " Q" + (a + b) / 2 + " " + (axis + 2 * dip) + " " + b + " " + axis);
    });
    each(svg.querySelectorAll("g.tick.end"), function (g) { shown.push(x(num(g, "t"))); });
    each(svg.querySelectorAll("g.tick:not(.end)"), function (g) {
      var at = x(num(g, "t"));
      var hide = shown.some(function (s) { return Math.abs(s - at) < gap; });
      g.classList.toggle("hidden", hide);
      if (!hide) { shown.push(at); }
    });
    each(svg.querySelectorAll("g.point"), function (g) {
      // Same rule as the server: a label too close to the last one on its level shows its mark only.
      var at = x(num(g, "t")), level = g.getAttribute("data-level");
      var hide = last.hasOwnProperty(level) && at - last[level] < labelGap;
      g.classList.toggle("hidden", hide);
      if (!hide) { last[level] = at; }
    });
  }
  function median(svg) {
    // Where the events are: the first "+" on the whole span zooms there, not into an empty middle.
    var ts = Array.prototype.map.call(svg.querySelectorAll("g.point"), function (g) { return num(g, "t"); });
    return ts.length ? ts[Math.floor(ts.length / 2)] : 0.5;
  }
  function zoom(action) {
    var box = document.querySelector(".timeline-scroll");
    var svg = box && box.querySelector("svg.timeline");
    if (!svg) { return; }
    var k = num(svg, "scale") || 1, width = num(svg, "width"), pad = num(svg, "pad");
    // Positions as fractions t of the time span, so the same moment stays in view at every zoom.
    function toT(frac) { return (frac * width * k - pad) / (width * k - 2 * pad); }
    function toFrac(t) { return (pad + (width * k - 2 * pad) * t) / (width * k); }
    var t = k === 1 ? median(svg) : toT((box.scrollLeft + box.clientWidth / 2) / box.scrollWidth);
    var focus = num(svg, "focus"), atLeft = box.scrollLeft <= 0;
    var atRight = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
    // A view pinned to an edge cannot centre on events near that edge; keep aiming where we meant to.
    if (k > 1 && ((atLeft && focus < t) || (atRight && focus > t))) { t = focus; }
    svg.setAttribute("data-focus", t);
    k = action === "in" ? Math.min(k * 2, MAX_ZOOM) : action === "out" ? Math.max(k / 2, 1) : 1;
    svg.setAttribute("data-scale", k);
    place(svg, k);
    box.scrollLeft = toFrac(t) * box.scrollWidth - box.clientWidth / 2;
    var level = document.querySelector(".zoom-level");
    if (level) { level.textContent = k === 1 ? "" : "\u00d7" + k; }
  }
  var zoomBar = document.querySelector(".zoom");
  if (zoomBar) { zoomBar.hidden = false; }
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest ? ev.target.closest("[data-zoom]") : null;
    if (button) { zoom(button.getAttribute("data-zoom")); return; }
    var el = ev.target.closest ? ev.target.closest("[data-claim],[data-quote]") : null;
    if (!el) { return; }
    var kind = el.hasAttribute("data-claim") ? "claim" : "quote";
    if (show(kind, el.getAttribute("data-" + kind))) { ev.preventDefault(); }
  });
  var hash = decodeURIComponent(location.hash.slice(1));
  var m = /^(claim|quote)-(.+)$/.exec(hash);
  if (m) { show(m[1], m[2]); }
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
})();

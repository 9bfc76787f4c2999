// The review page: pick a study in the table to see its passage, or its passage to see its
// row; filter the rows (and dim the passages of the rows filtered out). Reads only the page.
(function () {
  "use strict";
  var text = document.getElementById("text");
  var table = document.getElementById("studies");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-study]"));
  var rowOf = new Map();
  rows.forEach(function (row) { rowOf.set(row.getAttribute("data-study"), row); });
  // Every piece of every study's highlight, gathered in one walk.
  var piecesOf = new Map();
  if (text) {
    text.querySelectorAll("mark.study").forEach(function (mark) {
      var id = mark.getAttribute("data-study");
      if (!piecesOf.has(id)) piecesOf.set(id, []);
      piecesOf.get(id).push(mark);
    });
  }
  var picked = [];

  function pick(id, scrollText, scrollRow) {
    picked.forEach(function (el) { el.classList.remove("picked"); });
    picked = (piecesOf.get(id) || []).slice();
    var row = rowOf.get(id);
    if (row) picked.push(row);
    picked.forEach(function (el) { el.classList.add("picked"); });
    var first = (piecesOf.get(id) || [])[0];
    if (scrollText && first) first.scrollIntoView({ block: "center" });
    if (scrollRow && row) row.scrollIntoView({ block: "nearest" });
  }

  table.addEventListener("click", function (event) {
    var row = event.target.closest("tr[data-study]");
    if (!row) return;
    var link = event.target.closest("a");
    if (link && !link.classList.contains("go")) return; // a DOI or a reference entry
    event.preventDefault();
    var id = row.getAttribute("data-study");
    pick(id, true, false);
    if (history.replaceState) history.replaceState(null, "", "#study-" + encodeURIComponent(id));
  });
  if (text) {
    text.addEventListener("click", function (event) {
      var mark = event.target.closest("mark.study");
      if (mark) pick(mark.getAttribute("data-study"), false, true);
    });
  }

  var category = document.getElementById("filter-category");
  var cellType = document.getElementById("filter-cell");
  var warnings = document.getElementById("filter-warnings");
  var shown = document.getElementById("shown");
  function filter() {
    var count = 0;
    rows.forEach(function (row) {
      var keep = (!category.value || row.getAttribute("data-category") === category.value) &&
        (!cellType.value || row.getAttribute("data-cell-type") === cellType.value) &&
        (!warnings.checked || row.getAttribute("data-warnings") === "1");
      row.hidden = !keep;
      if (keep) count += 1;
      (piecesOf.get(row.getAttribute("data-study")) || []).forEach(function (mark) {
        mark.classList.toggle("hidden-by-filter", !keep);
      });
    });
    if (shown) shown.textContent = String(count);
  }
  [category, cellType, warnings].forEach(function (input) {
    if (input) input.addEventListener("change", filter);
  });

  var hash = "";
  try { hash = decodeURIComponent(location.hash || ""); } catch (e) { hash = ""; }
  if (hash.indexOf("#study-") === 0) pick(hash.slice(7), true, true);
})();

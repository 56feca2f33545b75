/* gapcheck report filters: show only the findings matching the chosen article, status,
   tier and theme. It only toggles the `hidden` attribute; without JavaScript the whole report shows
   and the controls stay hidden. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter-item]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-filter-group]")).reverse();
  var count = document.getElementById("filter-count");
  var keys = ["article", "status", "tier", "theme"];

  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var match = keys.every(function (key) {
        var wanted = form.elements[key].value;
        return !wanted || item.getAttribute("data-" + key) === wanted;
      });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
    });
    count.textContent = form.getAttribute("data-count")
      .replace("{shown}", shown.toLocaleString(document.documentElement.lang))
      .replace("{total}", items.length.toLocaleString(document.documentElement.lang));
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
}());

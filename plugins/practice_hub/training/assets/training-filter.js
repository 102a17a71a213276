/* Training filters: progressive enhancement. Without JavaScript every session is listed. */
(function () {
  function setUp(root) {
    var form = root.querySelector("[data-ph-filter]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var count = form.querySelector("[data-ph-filter-count]");
    var sessions = root.querySelectorAll(".ph-session");
    // "This week" repeats some sessions as jump links: filtered alike, never counted twice.
    var weekItems = root.querySelectorAll(".ph-week__item");
    var weekNone = root.querySelector(".ph-week__none");
    function apply() {
      var category = form.elements.category.value;
      var audience = form.elements.audience.value;
      var shown = 0;
      function matches(item) {
        var audiences = (item.dataset.audience || "").split(" ");
        return (!category || item.dataset.category === category) &&
               (!audience || audiences.indexOf(audience) !== -1);
      }
      sessions.forEach(function (item) {
        var match = matches(item);
        item.hidden = !match;
        if (match) shown += 1;
      });
      var weekShown = 0;
      weekItems.forEach(function (item) {
        item.hidden = !matches(item);
        if (!item.hidden) weekShown += 1;
      });
      if (weekNone) weekNone.hidden = weekShown > 0;
      root.querySelectorAll(".ph-month").forEach(function (month) {
        month.hidden = month.querySelectorAll(".ph-session:not([hidden])").length === 0;
      });
      count.textContent = shown + (shown === 1 ? " session" : " sessions") + " shown.";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }
  function init() { document.querySelectorAll("[data-ph-filter-root]").forEach(setUp); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else { document.addEventListener("DOMContentLoaded", init); }
})();

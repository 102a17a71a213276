/* Practice Hub: when a search finds nothing, show the note under the result count (in
 * partials/search.html) that points to the glossary and to asking for a page. */
(function () {
  "use strict";
  var meta = document.querySelector(".md-search-result__meta");
  var note = document.querySelector(".ph-search-none");
  var input = document.querySelector("input.md-search__input");
  if (!meta || !note || !input) return;
  var none = "No matching documents";
  try {
    none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"] || none;
  } catch (err) { /* keep the English default */ }
  function update() {
    note.hidden = !(input.value.trim() && meta.textContent.trim() === none);
  }
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  input.addEventListener("input", update);
})();

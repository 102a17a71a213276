/* Practice Hub: when a search finds nothing, put the "nothing found" note (a template in
 * partials/search.html) under the result count, with its links to the glossary and to asking
 * for a page; take it away as soon as there are results or the box is empty. The note is only
 * in the page while it is shown, so Material's arrow-key navigation reaches its links then. */
(function () {
  "use strict";
  var meta = document.querySelector(".md-search-result__meta");
  var template = document.getElementById("ph-search-none");
  var input = document.querySelector("input.md-search__input");
  if (!meta || !template || !input || !template.content) return;
  var none = "No matching documents";
  try {
    none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"] || none;
  } catch (err) { /* keep the English default */ }
  var note = null;
  function update() {
    var show = !!input.value.trim() && meta.textContent.trim() === none;
    if (show && !note) {
      note = template.content.firstElementChild.cloneNode(true);
      meta.insertAdjacentElement("afterend", note);
    } else if (!show && note) {
      note.remove();
      note = null;
    }
  }
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  input.addEventListener("input", update);
})();

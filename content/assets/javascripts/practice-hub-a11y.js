/* Keyboard and reflow fixes for Material's layout (WCAG 2.1.1, 2.4.7, 1.4.10), without forking it.
   Material's menu and search buttons are <label>s for hidden checkboxes, which a keyboard cannot
   reach; tables Material does not wrap (ours have a class) would be cut off on a phone. */
(function () {
  "use strict";

  function makeButton(label, name) {
    if (!label || label.dataset.phButton) return;
    label.dataset.phButton = "1";
    var toggle = document.getElementById(label.htmlFor);
    label.setAttribute("role", "button");
    label.tabIndex = 0;
    if (!label.getAttribute("aria-label")) label.setAttribute("aria-label", name);
    if (toggle) {
      var sync = function () { label.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
      toggle.addEventListener("change", sync);
      sync();
    }
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      // Material clicks a focused label on Enter itself: stop that, or the menu toggles twice.
      event.preventDefault();
      event.stopPropagation();
      label.click();
      if (label.htmlFor === "__drawer" && toggle && toggle.checked) {
        // Opened from the keyboard: move into the menu (its links are tab stops only while open).
        setTimeout(function () {
          var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
          if (first) first.focus();
        }, 260);
      }
    });
  }

  // On a phone the search box sits off screen until search is opened, yet was a tab stop. Just
  // before each Tab it leaves the tab order while search is closed; the s, f and / keys and the
  // search button still open search and focus it (tabindex -1 can take focus from a script).
  var narrow = window.matchMedia("(max-width: 59.984375em)");
  function searchTabStop(event) {
    if (event.key !== "Tab") return;
    var input = document.querySelector(".md-search__input");
    var toggle = document.getElementById("__search");
    if (!input || !toggle) return;
    if (narrow.matches && !toggle.checked) input.setAttribute("tabindex", "-1");
    else input.removeAttribute("tabindex");
  }

  function closeDrawerOnEscape(event) {
    var toggle = document.getElementById("__drawer");
    if (event.key !== "Escape" || !toggle || !toggle.checked) return;
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    var button = document.querySelector('label.md-header__button[for="__drawer"]');
    if (button) button.focus();
  }

  function nameFor(table) {
    if (table.caption && table.caption.textContent.trim()) return table.caption.textContent.trim();
    var node = table.closest(".md-typeset__scrollwrap, .ph-table-scroll") || table;
    while (node && node !== document.body) {
      var previous = node.previousElementSibling;
      while (previous) {
        if (/^H[1-6]$/.test(previous.tagName)) return previous.textContent.replace(/¶$/, "").trim();
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
    }
    return "Table";
  }

  function scrollBoxes() {
    // Tables with a class are not wrapped by Material: wrap them in a labelled scroll box.
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      if (table.closest(".md-typeset__scrollwrap, .ph-table-scroll")) return;
      var box = document.createElement("div");
      box.className = "ph-table-scroll";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
    // A box whose table is wider than the screen must be reachable and named (2.1.1, 4.1.2).
    document.querySelectorAll(".md-typeset__scrollwrap, .ph-table-scroll").forEach(function (box) {
      var table = box.querySelector("table");
      if (!table) return;
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("role", "region");
        box.setAttribute("tabindex", "0");
        box.setAttribute("aria-label", nameFor(table) + " (table, scrolls sideways)");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("role");
        box.removeAttribute("tabindex");
        box.removeAttribute("aria-label");
      }
    });
  }

  function init() {
    makeButton(document.querySelector('label.md-header__button[for="__drawer"]'), "Menu");
    makeButton(document.querySelector('label.md-header__button[for="__search"]'), "Search");
    // Material wraps its tables when the page is shown; measure after it has.
    requestAnimationFrame(function () { requestAnimationFrame(scrollBoxes); });
  }

  var resizeTimer;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(scrollBoxes, 150);
  });
  document.addEventListener("keydown", closeDrawerOnEscape);
  document.addEventListener("keydown", searchTabStop, true);
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else { document.addEventListener("DOMContentLoaded", init); }
})();

/* Bildungswegweiser search page: the filter panel. On a wide screen it is a sidebar beside the results;
   on a phone "Filter (N)" opens it over the whole page as a modal dialog (the rest of the page inert),
   which "N Angebote anzeigen", "Schließen" and Escape close, giving the focus back to the button.
   Markup: theme/templates/search.html; the filters themselves: search.js. */
(function () {
  "use strict";
  var panel = document.querySelector("[data-filter-panel]");
  var opener = document.querySelector("[data-filter-open]");
  if (!panel || !opener || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 56rem)");
  var inerted = [];

  function isOpen() { return panel.classList.contains("ww-finder__panel--open"); }

  // Everything outside the panel, up to <body>, cannot be focused or read while the dialog is open.
  function setOutsideInert(on) {
    inerted.forEach(function (el) { el.inert = false; });
    inerted = [];
    if (!on) return;
    for (var node = panel; node && node !== document.body; node = node.parentNode) {
      Array.prototype.forEach.call(node.parentNode.children, function (sibling) {
        if (sibling !== node && !sibling.inert && sibling.tagName !== "SCRIPT") {
          sibling.inert = true;
          inerted.push(sibling);
        }
      });
    }
  }

  function open() {
    if (wide.matches) {  // the sidebar is there already: take the keyboard to it
      panel.focus();
      return;
    }
    panel.classList.add("ww-finder__panel--open");
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "true");
    opener.setAttribute("aria-expanded", "true");
    document.documentElement.classList.add("ww-dialog-open");
    setOutsideInert(true);
    panel.scrollTop = 0;
    panel.focus();
  }

  function close(returnFocus) {
    if (!isOpen()) return;
    panel.classList.remove("ww-finder__panel--open");
    panel.removeAttribute("role");
    panel.removeAttribute("aria-modal");
    opener.setAttribute("aria-expanded", "false");
    document.documentElement.classList.remove("ww-dialog-open");
    setOutsideInert(false);
    if (returnFocus) opener.focus();
  }

  opener.addEventListener("click", open);
  Array.prototype.forEach.call(panel.querySelectorAll("[data-filter-close], [data-filter-done]"), function (b) {
    b.addEventListener("click", function () { close(true); });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && isOpen()) {
      e.preventDefault();
      close(true);
    }
  });
  // The button expands the panel on a phone only; on a wide screen it leads to the sidebar.
  var onResize = function () {
    if (wide.matches) {
      close(false);
      opener.removeAttribute("aria-expanded");
    } else opener.setAttribute("aria-expanded", String(isOpen()));
  };
  if (wide.addEventListener) wide.addEventListener("change", onResize);
  else wide.addListener(onResize);
  onResize();
})();

// Participants pages: on wide screens the directory's extra filters start open.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.matchMedia("(min-width: 48rem)").matches) { return; }
    document.querySelectorAll("details.filter-more").forEach(function (el) { el.open = true; });
  });
})();

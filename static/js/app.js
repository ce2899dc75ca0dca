// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Language switcher: change on select, hide the fallback button.
    document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      form.querySelectorAll("[data-autosubmit-hide]").forEach(function (el) { el.hidden = true; });
      form.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () { form.submit(); });
      });
    });
    // "Select all" checkboxes: <input type=checkbox data-check-all="name">.
    document.querySelectorAll("input[data-check-all]").forEach(function (box) {
      box.addEventListener("change", function () {
        var name = box.getAttribute("data-check-all");
        document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (other) {
          other.checked = box.checked;
        });
      });
    });
    // A button that sends its form by GET (formmethod="get", e.g. "Preview the figures")
    // leaves the CSRF token out: in an address it would stay in the history and the logs.
    document.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || (button.getAttribute("formmethod") || "").toLowerCase() !== "get") { return; }
      var token = event.target.querySelector("input[name=csrfmiddlewaretoken]");
      if (!token) { return; }
      token.disabled = true;
      window.setTimeout(function () { token.disabled = false; }, 0);
    });
    // Forms that send something (<form data-send-once>): after the first submit the
    // buttons are disabled, so a double click posts once. The server is what guarantees
    // it (each send's unique key); this only spares the second request.
    document.querySelectorAll("form[data-send-once]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.getAttribute("data-sending")) { event.preventDefault(); return; }
        form.setAttribute("data-sending", "1");
        // After this submit's own event, so the clicked button's name and value still go.
        window.setTimeout(function () {
          form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (button) {
            button.disabled = true;
            button.setAttribute("aria-disabled", "true");
          });
        }, 0);
      });
    });
    // Back to a page kept in the browser's cache: the buttons work again (the same key
    // then leads to the first send's result page).
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) { return; }
      document.querySelectorAll("form[data-send-once][data-sending]").forEach(function (form) {
        form.removeAttribute("data-sending");
        form.querySelectorAll("[aria-disabled=true]").forEach(function (button) {
          button.disabled = false;
          button.removeAttribute("aria-disabled");
        });
      });
    });
    // Buttons that ask before a destructive action: data-confirm="question".
    document.querySelectorAll("[data-confirm]").forEach(function (el) {
      el.addEventListener("click", function (event) {
        if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
  });
})();

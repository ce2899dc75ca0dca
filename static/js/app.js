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
    // Buttons that ask before a destructive action: data-confirm="question".
    document.querySelectorAll("[data-confirm]").forEach(function (el) {
      el.addEventListener("click", function (event) {
        if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
  });
})();

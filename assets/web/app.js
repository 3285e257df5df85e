// mapctl ui: the little a page needs beyond HTML (no build step).
// The matrix's filter box; Esc closes a dialog; htmx sends the CSRF token.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var filter = document.getElementById("filter");
    if (filter) {
      filter.addEventListener("input", function () {
        var needle = filter.value.trim().toLowerCase();
        document.querySelectorAll("#matrix tbody tr").forEach(function (row) {
          row.hidden = needle !== "" && row.dataset.name.indexOf(needle) === -1;
        });
      });
    }
    var token = document.querySelector('meta[name="csrf-token"]');
    document.body.addEventListener("htmx:configRequest", function (e) {
      if (token) { e.detail.headers["X-CSRF-Token"] = token.content; }
    });
  });
  document.addEventListener("keydown", function (e) {
    var dialog = document.querySelector("[role=dialog][data-close]");
    if (e.key === "Escape" && dialog) { window.location.href = dialog.dataset.close; }
  });
})();

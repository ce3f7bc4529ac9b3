// The export page's "select all" toggle (templates/admin/import_export/export.html): the library
// binds it with an inline onchange, which the site's Content-Security-Policy blocks; this binds the
// library's own handler (import_export/export_selectable_fields.js) instead.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", onSelectToggleChange);
  });
});

// A large import's page (templates/desk/admin/import_task.html): asks the task's status every
// second and shows it; when the task has finished (or failed), the page is loaded again and shows
// the result as the server renders it. Without this script the page asks to be reloaded.
(function () {
  "use strict";
  const box = document.getElementById("import-task");
  if (!box) return;
  const message = box.querySelector(".import-task-message");
  const bar = box.querySelector(".import-task-progress");
  const hint = box.querySelector(".import-task-reload");
  const url = box.dataset.statusUrl;
  const INTERVAL_MS = 1000;
  let failures = 0;

  function show(status) {
    message.textContent = status.message;
    if (status.total) {
      bar.max = status.total;
      bar.value = status.done || 0;
      bar.textContent = String(status.done || 0);
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then((status) => {
        failures = 0;
        show(status);
        if (status.state === "done" || status.state === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, INTERVAL_MS);
        }
      })
      .catch(() => {
        failures += 1;
        if (failures >= 5) {
          hint.textContent = "상태를 받아 오지 못했습니다. 잠시 뒤 이 페이지를 새로 고치세요.";
          return;
        }
        window.setTimeout(poll, INTERVAL_MS * failures);
      });
  }

  hint.textContent = "다 되면 이 페이지에 결과가 저절로 나타납니다.";
  window.setTimeout(poll, INTERVAL_MS);
})();

// The page of a task of the worker (templates/workreport/_task_progress.html: the draft PDF and
// publishing; templates/desk/admin/import_task.html: a large import). Asks the task's status as
// JSON every second ({state, message, step?, elapsed?, done?, total?}; state queued, running, done,
// failed or refused) and shows it: the message, the step, the time since it was queued (as
// report_tasks.duration_text writes it), a progress bar. When the task is done the page goes to
// data-task-done-url (the draft's download, now cached) or is loaded again, and shows the result
// as the server renders it; a failed or refused task is loaded again too (the failure and its retry
// button, or where the refusal leads).
// Without this script the page asks to be reloaded. No inline script: the site's CSP forbids it.
(function () {
  "use strict";
  const box = document.querySelector("[data-task-status-url]");
  if (!box) return;
  const url = box.dataset.taskStatusUrl;
  const doneUrl = box.dataset.taskDoneUrl;
  const message = box.querySelector("[data-task-message]");
  const bar = box.querySelector("[data-task-bar]");
  const hint = box.querySelector("[data-task-hint]");
  const elapsedText = box.querySelector("[data-task-elapsed-text]");
  const doneLink = box.querySelector("[data-task-done-link]");
  const steps = Array.from(box.querySelectorAll("[data-step]"));
  const INTERVAL_MS = 1000;
  let failures = 0;
  let elapsed = Number(box.dataset.taskElapsed || 0);
  let ticking = null;

  function duration(seconds) {
    const minutes = Math.floor(seconds / 60);
    return minutes ? `${minutes}분 ${seconds % 60}초` : `${seconds}초`;
  }

  function showElapsed() {
    if (elapsedText) elapsedText.textContent = duration(elapsed);
  }

  function showStep(step) {
    const current = steps.findIndex((item) => item.dataset.step === step);
    if (current < 0) return;
    steps.forEach((item, n) => {
      item.dataset.state = n < current ? "done" : n === current ? "current" : "todo";
      if (n === current) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
  }

  function show(status) {
    message.textContent = status.message;
    if (status.step) showStep(status.step);
    if (typeof status.elapsed === "number") {
      elapsed = status.elapsed;
      showElapsed();
    }
    if (bar && status.total) {
      bar.max = status.total;
      bar.value = status.done || 0;
      bar.textContent = String(status.done || 0);
    }
  }

  function finish(status) {
    window.clearInterval(ticking);
    if (status.state === "done" && doneUrl) {
      if (doneLink) doneLink.hidden = false;
      if (hint) hint.textContent = "";
      window.location.assign(doneUrl);
    } else {
      window.location.reload();
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
        if (status.state === "done" || status.state === "failed" || status.state === "refused") {
          finish(status);
        } else {
          window.setTimeout(poll, INTERVAL_MS);
        }
      })
      .catch(() => {
        failures += 1;
        if (failures >= 5) {
          window.clearInterval(ticking);
          if (hint) hint.textContent = "상태를 받아 오지 못했습니다. 잠시 뒤 이 페이지를 새로 고치세요.";
          return;
        }
        window.setTimeout(poll, INTERVAL_MS * failures);
      });
  }

  if (hint && hint.dataset.liveText) hint.textContent = hint.dataset.liveText;
  if (elapsedText) {
    ticking = window.setInterval(() => {
      elapsed += 1;
      showElapsed();
    }, 1000);
  }
  window.setTimeout(poll, INTERVAL_MS);
})();

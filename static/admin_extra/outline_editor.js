/* The outline texts of a programme page (projects/outline.py is the grammar; this only helps typing).
 *
 * - Tab at the start of a line (or over several selected lines) moves it one level down, Shift+Tab
 *   one level up; Tab inside a line's text types a tab, the cell separator of a small table.
 *   Tabbing into a box and on out of it moves through the form as usual: Tab changes levels only
 *   once one has clicked or typed in the box. Escape, then Tab, leaves it again (never trapped).
 * - Pasting on a line that holds only the mark Enter wrote replaces that mark by the pasted lines
 *   (they bring their own marks).
 * - Leaving the page with unsaved text asks first.
 * - Enter continues the current level with its mark; Enter on a line that holds only a mark
 *   clears the mark (the list ends, as in 한글).
 * - After a short pause in typing, the page is sent to the preview URL: the report's own template
 *   prints it in the frame beside the texts, and lines that do not read are marked where they are.
 * Without this script the boxes are plain text boxes; the server reads and checks them on save.
 */
(function () {
  "use strict";

  var LEVEL_MARKS = { 1: "○", 2: "-", 3: "·" };
  var LEVEL_OF_MARK = { "○": 1, "◦": 1, "●": 1, "ㅇ": 1, "-": 2, "–": 2, "−": 2, "·": 3, "ㆍ": 3, "•": 3, "∙": 3 };
  var MAX_LEVEL = { overview: 2, achievements: 3, schedule: 2 };
  var PREFIX = /^([ \t\u3000]*)((?:[○◦●]|ㅇ(?=\s)|[-–−](?=\s|$)|[·ㆍ•∙])[ \u3000]*)?((?:※|[▶►▷]|\*)[ \u3000]*)?/;
  var SECTION_HEADINGS = { overview: "사업개요", achievements: "추진실적", schedule: "향후일정" };
  var PAUSE_MS = 350;
  var MODIFIER_KEYS = ["Shift", "Control", "Alt", "Meta"];

  function indentWidth(text) {
    var width = 0;
    for (var i = 0; i < text.length; i++) {
      width += text[i] === "\t" ? 4 : text[i] === "\u3000" ? 2 : 1;
    }
    return width;
  }

  function lineAt(value, position) {
    var start = value.lastIndexOf("\n", position - 1) + 1;
    var end = value.indexOf("\n", position);
    return { start: start, end: end < 0 ? value.length : end };
  }

  function readPrefix(line) {
    var match = PREFIX.exec(line);
    var levelMark = match[2] ? match[2].trim() : "";
    var kind = match[3] ? match[3].trim() : "";
    var rest = line.slice(match[0].length);
    var indent = indentWidth(match[1]);
    var level = levelMark ? LEVEL_OF_MARK[levelMark] : kind && indent === 0 ? 0 : 1 + Math.floor(indent / 2);
    return { length: match[0].length, level: level, kind: kind, rest: rest, isTable: rest.indexOf("\t") >= 0 };
  }

  function prefixFor(section, level, kind, isTable) {
    var indent = new Array(Math.max(level, 1)).join("  ");
    if (isTable) return level >= 2 ? indent : "";
    if (section === "overview") return kind ? kind + " " : "- ";
    if (!kind) return indent + LEVEL_MARKS[Math.max(level, 1)] + " ";
    if (level === 0) return kind + " ";
    if (level === 1) return "○ " + kind + " ";
    return indent + kind + " ";
  }

  /* Replace value[start:end] keeping the browser's undo history where it can. */
  function replaceRange(box, start, end, text, caretStart, caretEnd) {
    box.focus();
    box.setSelectionRange(start, end);
    var done = false;
    try { done = document.execCommand("insertText", false, text); } catch (error) { done = false; }
    if (!done || box.value.slice(start, start + text.length) !== text) {
      box.setRangeText(text, start, end, "end");
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
    box.setSelectionRange(caretStart, caretEnd === undefined ? caretStart : caretEnd);
  }

  function changeLevels(box, step) {
    var section = box.dataset.section;
    var value = box.value;
    var first = lineAt(value, box.selectionStart).start;
    var last = lineAt(value, Math.max(box.selectionEnd - (box.selectionEnd > box.selectionStart ? 1 : 0), box.selectionStart)).end;
    var lines = value.slice(first, last).split("\n");
    var caretShift = 0;
    var changed = lines.map(function (line, index) {
      if (!line.trim() && lines.length > 1) return line;
      var prefix = readPrefix(line);
      var lowest = prefix.kind && !prefix.isTable ? 0 : 1;
      var level = Math.min(Math.max(prefix.level + step, lowest), MAX_LEVEL[section]);
      var updated = prefixFor(section, level, prefix.kind, prefix.isTable) + prefix.rest;
      if (index === 0) caretShift = updated.length - line.length;
      return updated;
    });
    var text = changed.join("\n");
    if (lines.length === 1) {
      var caret = Math.max(first, box.selectionStart + caretShift);
      replaceRange(box, first, last, text, caret);
    } else {
      replaceRange(box, first, last, text, first, first + text.length);
    }
  }

  function continueLine(box, event) {
    var value = box.value;
    var caret = box.selectionStart;
    var bounds = lineAt(value, caret);
    var line = value.slice(bounds.start, bounds.end);
    var prefix = readPrefix(line);
    if (caret - bounds.start < prefix.length || box.selectionEnd !== caret) return;
    event.preventDefault();
    if (!prefix.rest.trim() && prefix.length) {
      replaceRange(box, bounds.start, bounds.end, "", bounds.start);
      return;
    }
    var next = prefix.isTable ? prefixFor(box.dataset.section, prefix.level, "", true)
      : prefix.level === 0 ? prefixFor(box.dataset.section, 0, prefix.kind, false)
      : prefixFor(box.dataset.section, prefix.level, "", false);
    var text = "\n" + next;
    replaceRange(box, caret, caret, text, caret + text.length);
  }

  function onPaste(event) {
    var box = event.target;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    var bounds = lineAt(box.value, box.selectionStart);
    var line = box.value.slice(bounds.start, bounds.end);
    var prefix = readPrefix(line);
    var onlyMark = prefix.length > 0 && !prefix.rest.trim() && box.selectionStart === bounds.end;
    var bringsMarks = /\n|\t/.test(text) || readPrefix(text.replace(/^\s+/, "")).length > 0;
    if (!onlyMark || !bringsMarks) return;
    event.preventDefault();
    var pasted = text.replace(/\r\n?/g, "\n");
    replaceRange(box, bounds.start, bounds.end, pasted, bounds.start + pasted.length);
  }

  function onKeyDown(event) {
    var box = event.target;
    if (event.isComposing || event.keyCode === 229) return;  // the Korean IME is still composing
    if (event.key === "Escape") { box.dataset.released = "1"; return; }
    if (event.key === "Tab") {
      if (box.dataset.released) { delete box.dataset.released; return; }
      event.preventDefault();
      var bounds = lineAt(box.value, box.selectionStart);
      var prefix = readPrefix(box.value.slice(bounds.start, bounds.end));
      var atStart = box.selectionStart - bounds.start <= prefix.length;
      var severalLines = box.value.slice(box.selectionStart, box.selectionEnd).indexOf("\n") >= 0;
      if (event.shiftKey || atStart || severalLines) {
        changeLevels(box, event.shiftKey ? -1 : 1);
      } else {
        replaceRange(box, box.selectionStart, box.selectionEnd, "\t", box.selectionStart + 1);
      }
      return;
    }
    if (MODIFIER_KEYS.indexOf(event.key) < 0) delete box.dataset.released;
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      continueLine(box, event);
    }
  }

  /* ---- lines marked where they do not read, behind the text ---- */

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function drawMarks(box) {
    var bad = (box.dataset.errorLines || "").split(",").filter(Boolean).map(Number);
    var html = box.value.split("\n").map(function (line, index) {
      var shown = escapeHtml(line) || " ";
      return bad.indexOf(index + 1) >= 0 ? "<mark>" + shown + "</mark>" : shown;
    }).join("\n");
    box.outlineBackdrop.innerHTML = html + "\n";
  }

  function fitHeight(box) {
    box.style.height = "auto";
    box.style.height = Math.max(box.scrollHeight + 2, 72) + "px";
  }

  function showErrors(box, messages) {
    var row = box.closest(".form-row");
    var served = row ? row.querySelectorAll("ul.errorlist") : [];
    for (var i = 0; i < served.length; i++) served[i].hidden = true;  // the list below says the same, live
    var list = box.outlineErrors;
    list.innerHTML = "";
    messages.forEach(function (message) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "outline-error-link";
      button.textContent = message;
      button.addEventListener("click", function () { goToLine(box, parseInt(message, 10)); });
      item.appendChild(button);
      list.appendChild(item);
    });
    list.hidden = messages.length === 0;
  }

  function goToLine(box, number) {
    var lines = box.value.split("\n");
    var start = lines.slice(0, number - 1).join("\n").length + (number > 1 ? 1 : 0);
    box.focus();
    box.setSelectionRange(start, start + (lines[number - 1] || "").length);
  }

  /* ---- the preview ---- */

  function Preview(layout, form, boxes) {
    this.url = layout.dataset.previewUrl;
    this.form = form;
    this.boxes = boxes;
    this.frame = layout.querySelector(".outline-preview-frame");
    this.state = layout.querySelector(".outline-preview-state");
    this.sent = 0;
    this.timer = null;
    this.section = null;
  }

  Preview.prototype.soon = function () {
    var preview = this;
    clearTimeout(this.timer);
    this.state.textContent = "입력 중…";
    this.timer = setTimeout(function () { preview.refresh(); }, PAUSE_MS);
  };

  Preview.prototype.refresh = function () {
    var preview = this;
    var number = ++this.sent;
    fetch(this.url, { method: "POST", body: new FormData(this.form), credentials: "same-origin",
                      headers: { "X-Requested-With": "XMLHttpRequest" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (result) {
        if (number !== preview.sent) return;  // a later request is on its way
        preview.show(result);
      })
      .catch(function () {
        if (number === preview.sent) preview.state.textContent = "미리보기를 불러오지 못했습니다(저장은 그대로 됩니다)";
      });
  };

  Preview.prototype.show = function (result) {
    var frame = this.frame;
    var scrolled = frame.contentWindow ? frame.contentWindow.scrollY : 0;
    var preview = this;
    frame.onload = function () {
      if (preview.pendingSection) { preview.scrollTo(preview.pendingSection); preview.pendingSection = null; }
      else frame.contentWindow.scrollTo(0, scrolled);
    };
    frame.srcdoc = result.html;
    var count = 0;
    this.boxes.forEach(function (box) {
      var section = box.dataset.section;
      var messages = result.errors[section] || [];
      count += messages.length;
      box.dataset.errorLines = (result.error_lines[section] || []).join(",");
      box.setAttribute("aria-invalid", messages.length ? "true" : "false");
      drawMarks(box);
      showErrors(box, messages);
    });
    this.state.textContent = count ? "고칠 줄 " + count + "개 (인쇄 안 됨)" : "저장 전 내용";
  };

  Preview.prototype.scrollTo = function (section) {
    var doc = this.frame.contentDocument;
    if (!doc) return;
    var headings = doc.querySelectorAll(".box-heading");
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].textContent.indexOf(SECTION_HEADINGS[section]) >= 0) {
        this.frame.contentWindow.scrollTo(0, Math.max(headings[i].getBoundingClientRect().top + this.frame.contentWindow.scrollY - 12, 0));
        return;
      }
    }
  };

  /* ---- set-up ---- */

  function enhance(box) {
    var wrapper = document.createElement("div");
    wrapper.className = "outline-box";
    box.parentNode.insertBefore(wrapper, box);
    var backdrop = document.createElement("div");
    backdrop.className = "outline-backdrop";
    backdrop.setAttribute("aria-hidden", "true");
    wrapper.appendChild(backdrop);
    wrapper.appendChild(box);
    var errors = document.createElement("ul");
    errors.className = "outline-errors";
    errors.id = box.id + "_line_errors";
    errors.hidden = true;
    errors.setAttribute("aria-live", "polite");
    wrapper.parentNode.insertBefore(errors, wrapper.nextSibling);
    box.setAttribute("aria-describedby", [box.getAttribute("aria-describedby"), errors.id].filter(Boolean).join(" "));
    box.outlineBackdrop = backdrop;
    box.outlineErrors = errors;
    box.addEventListener("keydown", onKeyDown);
    box.addEventListener("paste", onPaste);
    box.addEventListener("input", function () { drawMarks(box); fitHeight(box); });
    // Arriving by Tab, Tab goes on to the next field; a click in the box makes Tab change levels.
    box.addEventListener("focus", function () { box.dataset.released = "1"; });
    box.addEventListener("pointerup", function () { delete box.dataset.released; });
    box.addEventListener("blur", function () { delete box.dataset.released; });
    drawMarks(box);
    fitHeight(box);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = Array.prototype.slice.call(document.querySelectorAll("textarea.outline-text"));
    if (!boxes.length) return;
    boxes.forEach(enhance);
    var layout = document.querySelector(".outline-layout[data-preview-url]");
    if (!layout || !window.fetch) return;
    var form = boxes[0].form;
    var changed = false;
    form.addEventListener("input", function () { changed = true; });
    form.addEventListener("submit", function () { changed = false; });
    window.addEventListener("beforeunload", function (event) {
      if (changed) { event.preventDefault(); event.returnValue = ""; }
    });
    var preview = new Preview(layout, form, boxes);
    form.addEventListener("input", function () { preview.soon(); });
    boxes.forEach(function (box) {
      box.addEventListener("focus", function () {
        if (preview.section !== box.dataset.section) {
          preview.section = box.dataset.section;
          preview.scrollTo(box.dataset.section);
          preview.pendingSection = box.dataset.section;
        }
      });
    });
    preview.refresh();
  });
})();

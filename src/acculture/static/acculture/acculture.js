// Progressive enhancement only: every page works without this file.
// Move focus to the error summary so screen-reader users hear what to fix first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
});

// After htmx swaps in a new page area (an explanation after an answer, or the same
// question with what to fix), move focus where a new page would put it: to the error
// summary when there is one, else to the area's heading.
document.addEventListener("htmx:afterSettle", () => {
  const target = document.querySelector(
    "#question-area [data-autofocus], #question-area [data-focus-on-swap]",
  );
  if (target && target !== document.activeElement) target.focus();
});

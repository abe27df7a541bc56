// Progressive enhancement only: every page works without this file.
// Move focus to the error summary so screen-reader users hear what to fix first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
});

// After htmx swaps in a new page area (an explanation after an answer), move focus to its
// heading so keyboard and screen-reader users start reading there, as on a new page.
document.addEventListener("htmx:afterSettle", () => {
  const heading = document.querySelector("#question-area [data-focus-on-swap]");
  if (heading && heading !== document.activeElement) heading.focus();
});

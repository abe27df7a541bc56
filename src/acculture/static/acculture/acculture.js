// Progressive enhancement only: every page works without this file.
// Move focus to the error summary so screen-reader users hear what to fix first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
});

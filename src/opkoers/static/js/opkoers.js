// Progressive enhancement only: every page works without this file.
// Disables a submit button after the first click so a double click cannot send a
// form twice (the server also refuses duplicates).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.allowResubmit !== undefined) return;
  window.setTimeout(() => {
    form.querySelectorAll("button[type=submit]").forEach((button) => {
      button.setAttribute("aria-disabled", "true");
      button.disabled = true;
    });
  }, 0);
});

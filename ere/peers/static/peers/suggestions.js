// Entraide's help beside an applicatif-école: the tips and colleagues of the tool, hidden until a mission fails.
document.addEventListener("sandbox:finished", (event) => {
  if (event.detail && !event.detail.succeeded) {
    document.querySelectorAll("[data-peers-suggestions]").forEach((element) => {
      element.hidden = false;
    });
  }
});

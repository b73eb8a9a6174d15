// A sandbox mission asked as an item (practice quarter, preview): when the player reports the end of the mission
// (`sandbox:finished`, with {succeeded}), the hidden input « succeeded » gets the result and the form may be sent.
(function () {
  "use strict";
  if (window.ereSandboxItem) return; // the partial may be included more than once
  window.ereSandboxItem = true;
  // Listened to in the capture phase: the event is seen even if the player dispatches it without bubbling.
  document.addEventListener(
    "sandbox:finished",
    function (event) {
      var wrapper = event.target.closest ? event.target.closest("[data-sandbox-item]") : null;
      if (!wrapper) return;
      var input = wrapper.querySelector("[data-sandbox-succeeded]");
      var status = wrapper.querySelector("[data-sandbox-status]");
      var succeeded = Boolean(event.detail && event.detail.succeeded);
      if (input) input.value = succeeded ? "1" : "0";
      if (status) {
        status.textContent = succeeded
          ? "Mission réussie. Validez votre réponse pour voir la correction."
          : "Mission terminée, mais pas tout à fait réussie. Validez votre réponse pour voir la correction.";
      }
    },
    true
  );
})();

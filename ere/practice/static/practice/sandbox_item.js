// A sandbox mission asked as an item (practice quarter, preview). When the player reports the end of the mission
// (`sandbox:finished`, with {succeeded, clientId}), the hidden input « attempt » gets the attempt's id: the practice
// quarter reads the result from the attempt the server stored under that id, never from the browser. The hidden
// input « succeeded » gets the browser's verdict, for the authors' preview. `sandbox:recorded` says when the server
// has the attempt.
(function () {
  "use strict";
  if (window.ereSandboxItem) return; // the partial may be included more than once
  window.ereSandboxItem = true;

  function parts(target) {
    var wrapper = target && target.closest ? target.closest("[data-sandbox-item]") : null;
    if (!wrapper) wrapper = document.querySelector("[data-sandbox-item]"); // sent from the document (offline queue)
    if (!wrapper) return null;
    return {
      succeeded: wrapper.querySelector("[data-sandbox-succeeded]"),
      attempt: wrapper.querySelector("[data-sandbox-attempt]"),
      status: wrapper.querySelector("[data-sandbox-status]")
    };
  }

  // Listened to in the capture phase: the events are seen even if the player dispatches them without bubbling.
  document.addEventListener(
    "sandbox:finished",
    function (event) {
      var found = parts(event.target);
      if (!found) return;
      var detail = event.detail || {};
      var succeeded = Boolean(detail.succeeded);
      if (found.succeeded) found.succeeded.value = succeeded ? "1" : "0";
      if (found.attempt) found.attempt.value = detail.clientId || "";
      if (found.status) {
        found.status.textContent = succeeded
          ? "Mission réussie. Validez votre réponse pour voir la correction."
          : "Mission terminée, mais pas tout à fait réussie. Validez votre réponse pour voir la correction.";
      }
    },
    true
  );

  document.addEventListener(
    "sandbox:recorded",
    function (event) {
      var found = parts(event.target);
      var detail = event.detail || {};
      if (!found || !found.attempt || !found.status || found.attempt.value !== detail.clientId) return;
      found.status.textContent = detail.succeeded
        ? "Tentative enregistrée : mission réussie. Validez votre réponse pour voir la correction."
        : "Tentative enregistrée : mission à reprendre. Validez votre réponse pour voir la correction.";
    },
    true
  );
})();

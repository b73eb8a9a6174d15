// Items (diagnostic, practice, preview): move the focus to where the learner must look after a page load.
(function () {
  "use strict";
  var feedback = document.getElementById("item-feedback");
  if (feedback) {
    feedback.focus();
    return;
  }
  var error = document.getElementById("item-error");
  if (error) {
    var first = document.querySelector("#item-fieldset input, #item-fieldset select, #item-fieldset button");
    if (first) first.focus();
  }
})();

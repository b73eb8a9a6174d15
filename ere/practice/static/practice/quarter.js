// The 15-minute timer of the practice quarter. It never blocks: when the time is up it says so and offers to finish.
// The clock changes every second but is not a live region; the announcements (polite) come at 10, 5 and 1 minutes
// left and when the time is up. Without JavaScript the page shows the minutes left when it was loaded.
(function () {
  "use strict";
  var timer = document.querySelector("[data-seconds-left]");
  if (!timer) return;
  var value = timer.querySelector("[data-timer-value]");
  var announce = timer.querySelector("[data-timer-announce]");
  var up = timer.querySelector("[data-timer-up]");
  var deadline = Date.now() + parseInt(timer.dataset.secondsLeft, 10) * 1000;
  var milestones = { 600: "Il reste 10 minutes.", 300: "Il reste 5 minutes.", 60: "Il reste 1 minute." };
  var said = {};

  function clock(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + " min " + (rest < 10 ? "0" : "") + rest + " s";
  }

  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    if (left === 0) {
      value.textContent = "écoulé";
      if (up.hidden) {
        up.hidden = false;
        announce.textContent = "Les 15 minutes sont écoulées. Vous pouvez terminer maintenant.";
      }
      return;
    }
    value.textContent = clock(left);
    Object.keys(milestones).forEach(function (mark) {
      // Announced once, when the clock passes the mark (not on a page loaded with less time left).
      if (left <= mark && left > mark - 5 && !said[mark]) {
        said[mark] = true;
        announce.textContent = milestones[mark];
      }
    });
    window.setTimeout(tick, 1000);
  }

  tick();
})();

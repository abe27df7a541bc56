// The proctored question's clock. Without JavaScript the page shows the time left when it
// loaded and the server enforces the limit; with it, the clock ticks and, at zero, the
// answer chosen so far is sent (or "I don't know" when nothing is chosen).
(function () {
  "use strict";
  var clock = document.querySelector("[data-seconds-left]");
  if (!clock) return;
  var form = document.getElementById("certification-answer");
  var left = parseInt(clock.getAttribute("data-seconds-left"), 10);
  var deadline = Date.now() + left * 1000;
  function show(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    clock.textContent = minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }
  function answered() {
    var chosen = form.querySelector("input[type=radio]:checked, input[type=checkbox]:checked");
    if (chosen) return true;
    var typed = form.querySelectorAll("input[type=text]");
    for (var i = 0; i < typed.length; i++) if (typed[i].value.trim()) return true;
    return false;
  }
  var timer = setInterval(function () {
    var seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    show(seconds);
    if (seconds === 0) {
      clearInterval(timer);
      var button = form.querySelector(answered() ? "button[type=submit]:not([name])" : "button[name=dont_know]");
      if (form.requestSubmit) form.requestSubmit(button); else button.click();
    }
  }, 1000);
})();

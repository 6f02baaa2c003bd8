// The queue board chimes when a new number is called: a short tone made with WebAudio, no audio files.
// Browsers only allow sound after a click, so the board has a button that turns the chime on.
(function () {
  var ctx = null;
  var last = null;
  function board() { return document.getElementById("counter-board"); }
  function beep() {
    if (!ctx) return;
    [0, 0.35].forEach(function (delay, i) {
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = i === 0 ? 880 : 660;
      var t = ctx.currentTime + delay;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.4, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.32);
    });
  }
  function check() {
    var b = board();
    if (!b) return;
    var now = b.getAttribute("data-latest-call") || "";
    if (last !== null && now && now !== last) {
      beep();
      b.classList.add("flash");
    }
    last = now;
  }
  document.addEventListener("DOMContentLoaded", function () {
    check();
    var button = document.getElementById("board-sound");
    if (button) button.addEventListener("click", function () {
      var AC = window.AudioContext || window.webkitAudioContext;
      if (!AC) return;
      ctx = ctx || new AC();
      ctx.resume();
      beep();
      button.hidden = true;
    });
  });
  // After settling only: htmx settles an outerHTML swap by copying the new element's attributes over, which would
  // drop a class added on afterSwap.
  document.addEventListener("htmx:afterSettle", check);
})();

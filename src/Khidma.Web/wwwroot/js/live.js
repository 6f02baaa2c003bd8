// Live console (X7): the hub only says "this changed"; fragments refetch themselves through their normal GET
// handlers. Presence (who views, who replies) is UI state shown from the hub's presence list.
(function () {
  var script = document.currentScript;
  if (!script || !window.signalR) return;
  var me = script.dataset.user || "";
  var match = /^\/interactions\/(\d+)\/?$/.exec(location.pathname);
  var interactionId = match ? Number(match[1]) : null;

  // At most one refresh per second per key; a change arriving meanwhile gives one more refresh afterwards.
  var timers = {};
  function throttled(key, fn) {
    var t = timers[key] || (timers[key] = { last: 0, pending: null });
    if (t.pending) return;
    var wait = Math.max(0, t.last + 1000 - Date.now());
    t.pending = setTimeout(function () { t.pending = null; t.last = Date.now(); fn(); }, wait);
  }

  function refreshInbox() {
    if (!document.getElementById("interaction-list")) return;
    var params = new URLSearchParams(location.search);
    params.set("handler", "List");
    htmx.ajax("GET", location.pathname + "?" + params.toString(), { target: "#interaction-list", swap: "outerHTML" });
  }

  // One GET of the page itself (the same handler, the same permission check), then the fragments are swapped.
  function refreshInteraction() {
    fetch(location.pathname, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        ["interaction-timeline", "interaction-stages"].forEach(function (id) {
          var fresh = doc.getElementById(id), old = document.getElementById(id);
          if (fresh && old) { old.replaceWith(fresh); htmx.process(fresh); }
        });
      });
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/live")
    .withAutomaticReconnect()
    .build();

  connection.on("inbox-changed", function () { throttled("inbox", refreshInbox); });
  // Fragments that listen with hx-trigger="phone-queue-changed from:body" refetch themselves (the phone queue).
  connection.on("phone-queue-changed", function () {
    throttled("phone-queue", function () { document.body.dispatchEvent(new CustomEvent("phone-queue-changed")); });
  });
  // The screen pop (K2) listens with hx-trigger="call-changed from:body"; the CTI webhook sends it to the agent.
  connection.on("call-changed", function () {
    document.body.dispatchEvent(new CustomEvent("call-changed"));
  });
  connection.on("interaction-changed", function (e) {
    if (interactionId !== null && e && e.id === interactionId) throttled("interaction", refreshInteraction);
  });

  var presenceBox = null;
  function presenceElement() {
    if (presenceBox) return presenceBox;
    var anchor = document.getElementById("interaction-timeline");
    if (!anchor) return null;
    presenceBox = document.createElement("div");
    presenceBox.id = "interaction-presence";
    presenceBox.className = "presence";
    presenceBox.setAttribute("aria-live", "polite");
    anchor.parentNode.insertBefore(presenceBox, anchor);
    return presenceBox;
  }
  var people = [], visitorTyping = false, visitorTimer = null;
  function line(template, names) {
    var p = document.createElement("p");
    var parts = template.split("{0}");
    p.appendChild(document.createTextNode(parts[0]));
    names.forEach(function (n, i) {
      if (i > 0) p.appendChild(document.createTextNode(script.dataset.separator || ", "));
      var b = document.createElement("bdi");
      b.textContent = n;
      p.appendChild(b);
    });
    p.appendChild(document.createTextNode(parts.slice(1).join("{0}")));
    return p;
  }
  function renderPresence() {
    var box = presenceElement();
    if (!box) return;
    box.textContent = "";
    var others = people.filter(function (p) { return p.userId !== me; });
    var replying = others.filter(function (p) { return p.state === "replying"; }).map(function (p) { return p.name; });
    var viewing = others.filter(function (p) { return p.state !== "replying"; }).map(function (p) { return p.name; });
    if (viewing.length) { var v = line(script.dataset.viewing, viewing); v.className = "viewing"; box.appendChild(v); }
    if (replying.length) { var r = line(script.dataset.replying, replying); r.className = "replying"; box.appendChild(r); }
    if (visitorTyping) {
      var t = document.createElement("p");
      t.className = "visitor-typing";
      t.textContent = script.dataset.visitorTyping;
      box.appendChild(t);
    }
  }
  connection.on("presence", function (e) {
    if (!e || e.interactionId !== interactionId) return;
    people = e.people || [];
    renderPresence();
  });
  connection.on("visitor-typing", function (e) {
    if (!e || e.id !== interactionId) return;
    visitorTyping = !!e.on;
    clearTimeout(visitorTimer);
    if (visitorTyping) visitorTimer = setTimeout(function () { visitorTyping = false; renderPresence(); }, 15000);
    renderPresence();
  });

  // "replying" while the agent types in the reply box: sent at most every 3 s, back to "viewing" after 10 s idle or on send.
  var replying = false, lastSent = 0, idleTimer = null;
  function announce(state) {
    if (connection.state !== signalR.HubConnectionState.Connected) return;
    connection.invoke("Presence", interactionId, state).catch(function () { });
  }
  function stopReplying() {
    clearTimeout(idleTimer);
    if (!replying) return;
    replying = false;
    announce("viewing");
  }
  function watchReplyBox() {
    document.addEventListener("input", function (e) {
      if (!e.target || e.target.id !== "ReplyForm_Body") return;
      var now = Date.now();
      if (!replying || now - lastSent > 3000) { replying = true; lastSent = now; announce("replying"); }
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stopReplying, 10000);
    });
    document.addEventListener("submit", function (e) {
      if (e.target && e.target.querySelector && e.target.querySelector("#ReplyForm_Body")) stopReplying();
    }, true);
    document.addEventListener("htmx:beforeRequest", function (e) {
      var elt = e.detail && e.detail.elt;
      if (elt && elt.querySelector && elt.querySelector("#ReplyForm_Body")) stopReplying();
    });
  }

  function joined() {
    if (interactionId === null) return;
    connection.invoke("Watch", interactionId).then(function (ok) {
      if (ok && replying) announce("replying");
    }).catch(function () { });
  }
  connection.onreconnected(function () { joined(); throttled("inbox", refreshInbox); if (interactionId !== null) throttled("interaction", refreshInteraction); });

  if (interactionId !== null) watchReplyBox();
  connection.start().then(function () {
    document.body.dataset.live = "connected";
    joined();
  }).catch(function () { document.body.dataset.live = "failed"; });
})();

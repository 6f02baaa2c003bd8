// Khidma live chat widget: <script src="https://HOST/chat/widget.js" data-khidma-chat data-lang="ar"></script>
// Plain JS; everything lives in a shadow root so the host page's styles neither leak in nor get touched.
(function () {
  var script = document.currentScript || document.querySelector("script[data-khidma-chat]");
  if (!script || window.__khidmaChat) return;
  window.__khidmaChat = true;
  var base = new URL(script.src, location.href).origin;
  var langs = ["ar", "en", "fr"];
  var lang = (script.getAttribute("data-lang") || document.documentElement.lang || "ar").slice(0, 2).toLowerCase();
  if (langs.indexOf(lang) < 0) lang = "en";
  var dir = lang === "ar" ? "rtl" : "ltr";
  var storeKey = "khidma-chat:" + base;
  var t = {};
  var session = null, connection = null, lastId = 0, shown = {};

  var css = [
    ":host { all: initial; }",
    ".root { position: fixed; inset-block-end: 1rem; inset-inline-end: 1rem; z-index: 2147483000; font: 15px/1.5 system-ui, 'Segoe UI', Tahoma, sans-serif; color: #1f2a24; }",
    "button { font: inherit; cursor: pointer; }",
    ".launcher { background: #31473a; color: #fff; border: 0; border-radius: 2rem; padding-block: .7rem; padding-inline: 1.2rem; box-shadow: 0 4px 14px rgba(0,0,0,.25); }",
    ".panel { display: none; flex-direction: column; inline-size: min(22rem, calc(100vw - 2rem)); block-size: min(32rem, calc(100vh - 5rem)); background: #fff; border-radius: .8rem; box-shadow: 0 8px 30px rgba(0,0,0,.3); overflow: hidden; margin-block-end: .6rem; }",
    ".open .panel { display: flex; }",
    ".head { display: flex; justify-content: space-between; align-items: center; background: #31473a; color: #fff; padding: .6rem .9rem; }",
    ".head h2 { font-size: 1rem; margin: 0; }",
    ".head button { background: transparent; color: #fff; border: 0; font-size: 1.3rem; line-height: 1; }",
    ".body { flex: 1; overflow-y: auto; padding: .8rem; }",
    "form.intro label { display: block; margin-block: .5rem .2rem; font-size: .9rem; }",
    "input, textarea { box-sizing: border-box; inline-size: 100%; font: inherit; padding: .4rem .5rem; border: 1px solid #b9c2bc; border-radius: .4rem; }",
    ".primary { margin-block-start: .7rem; background: #31473a; color: #fff; border: 0; border-radius: .4rem; padding: .5rem 1rem; }",
    ".error { color: #9b1c1c; font-size: .9rem; }",
    ".notice { background: #fff6db; padding: .5rem; border-radius: .4rem; }",
    "ol.messages { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .4rem; }",
    "ol.messages li { max-inline-size: 85%; padding: .4rem .6rem; border-radius: .7rem; white-space: pre-wrap; overflow-wrap: anywhere; }",
    "li.visitor { align-self: flex-end; background: #e3efe7; }",
    "li.agent { align-self: flex-start; background: #eef0f4; }",
    "li .who { display: block; font-size: .75rem; color: #5a665f; }",
    ".typing { font-size: .85rem; color: #5a665f; min-block-size: 1.3rem; margin: 0; padding-inline: .8rem; }",
    "form.compose { display: flex; gap: .4rem; padding: .6rem; border-block-start: 1px solid #e1e5e2; }",
    "form.compose textarea { flex: 1; resize: none; block-size: 2.6rem; }",
    "form.compose button { background: #31473a; color: #fff; border: 0; border-radius: .4rem; padding-inline: .8rem; }",
  ].join("\n");

  var host = document.createElement("div");
  host.setAttribute("data-khidma-chat-host", "");
  var shadow = host.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent = css;
  var root = el("div", { "class": "root", dir: dir, lang: lang });
  shadow.appendChild(style);
  shadow.appendChild(root);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function api(path, options) {
    options = options || {};
    options.headers = options.headers || {};
    if (session) options.headers["X-Chat-Token"] = session.token;
    if (options.json) { options.method = "POST"; options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(options.json); }
    return fetch(base + path, { method: options.method || "GET", headers: options.headers, body: options.body, credentials: "omit", mode: "cors" });
  }
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (window.signalR) return resolve();
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  var launcher, panel, body, typingLine, compose;
  function build() {
    panel = el("section", { "class": "panel", role: "dialog", "aria-label": t.title });
    var head = el("div", { "class": "head" });
    head.appendChild(el("h2", null, t.title));
    var close = el("button", { type: "button", "class": "close", "aria-label": t.close }, "×");
    close.onclick = function () { root.classList.remove("open"); launcher.setAttribute("aria-expanded", "false"); };
    head.appendChild(close);
    body = el("div", { "class": "body" });
    panel.appendChild(head);
    panel.appendChild(body);
    launcher = el("button", { type: "button", "class": "launcher", "aria-expanded": "false" }, t.open);
    launcher.onclick = toggle;
    root.appendChild(panel);
    root.appendChild(launcher);
  }
  function toggle() {
    var open = !root.classList.contains("open");
    root.classList.toggle("open", open);
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    if (open && !body.firstChild) begin();
  }

  function begin() {
    try { session = JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { session = null; }
    if (session && session.conversation && session.token) return showChat();
    session = null;
    api("/chat/status").then(function (r) { return r.json(); })
      .then(function (s) { showIntro(!s.agentsOnline); })
      .catch(function () { showError(body); });
  }

  function field(form, name, label, type, required) {
    var id = "khidma-chat-" + name;
    form.appendChild(el("label", { "for": id }, label));
    var input = type === "textarea" ? el("textarea", { id: id, name: name, rows: "3", dir: "auto" }) : el("input", { id: id, name: name, type: type, dir: type === "email" ? "ltr" : "auto" });
    if (required) input.required = true;
    form.appendChild(input);
    form.appendChild(el("div", { "class": "error", "data-for": name }));
    return input;
  }
  function showErrors(form, problem) {
    var errors = (problem && problem.errors) || {};
    form.querySelectorAll(".error").forEach(function (d) { d.textContent = (errors[d.getAttribute("data-for")] || []).join(" "); });
    if (!problem || !problem.errors) { var g = form.querySelector(".error[data-for=form]"); if (g) g.textContent = (problem && problem.title) || t.error; }
  }
  function showError(where) { where.textContent = ""; where.appendChild(el("p", { "class": "error", role: "alert" }, t.error)); }

  function showIntro(offline) {
    body.textContent = "";
    var form = el("form", { "class": "intro" + (offline ? " offline" : "") });
    form.appendChild(el("p", { "class": offline ? "notice" : "lead" }, offline ? t.offline : t.intro));
    var name = field(form, "name", t.name, "text", true);
    var email = field(form, "email", offline ? t.emailRequired : t.email, "email", offline);
    var message = field(form, "message", t.message, "textarea", true);
    form.appendChild(el("div", { "class": "error", "data-for": "form", role: "alert" }));
    var submit = el("button", { type: "submit", "class": "primary" }, offline ? t.leave : t.start);
    form.appendChild(submit);
    form.onsubmit = function (e) {
      e.preventDefault();
      submit.disabled = true;
      var payload = { name: name.value, email: email.value, message: message.value, lang: lang };
      api(offline ? "/chat/leave-message" : "/chat/start", { json: payload }).then(function (r) {
        return r.json().catch(function () { return null; }).then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
      }).then(function (res) {
        submit.disabled = false;
        if (res.status === 409) return showIntro(true);
        if (!res.ok) return showErrors(form, res.data);
        if (offline) {
          body.textContent = "";
          body.appendChild(el("p", { "class": "thanks", role: "status" }, t.thanks));
          return;
        }
        session = { conversation: res.data.conversation, token: res.data.token, name: name.value };
        localStorage.setItem(storeKey, JSON.stringify(session));
        showChat();
      }).catch(function () { submit.disabled = false; showErrors(form, null); });
    };
    body.appendChild(form);
    name.focus();
  }

  var list;
  function showChat() {
    body.textContent = "";
    lastId = 0; shown = {};
    list = el("ol", { "class": "messages", "aria-live": "polite" });
    body.appendChild(list);
    typingLine = el("p", { "class": "typing", "aria-live": "polite" });
    compose = el("form", { "class": "compose" });
    var text = el("textarea", { name: "text", dir: "auto", placeholder: t.placeholder, "aria-label": t.placeholder });
    var send = el("button", { type: "submit" }, t.send);
    compose.appendChild(text);
    compose.appendChild(send);
    if (!panel.querySelector(".typing")) { panel.appendChild(typingLine); panel.appendChild(compose); }
    else { panel.replaceChild(typingLine, panel.querySelector(".typing")); panel.replaceChild(compose, panel.querySelector(".compose")); }

    var typing = false, lastTyping = 0, idle = null;
    function setTyping(on) {
      if (!connection || connection.state !== "Connected") return;
      typing = on;
      connection.invoke("Typing", on).catch(function () { });
    }
    text.addEventListener("input", function () {
      var now = Date.now();
      if (!typing || now - lastTyping > 3000) { lastTyping = now; setTyping(true); }
      clearTimeout(idle);
      idle = setTimeout(function () { setTyping(false); }, 4000);
    });
    text.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); compose.requestSubmit(); }
    });
    compose.onsubmit = function (e) {
      e.preventDefault();
      var value = text.value.trim();
      if (!value || !connection) return;
      clearTimeout(idle);
      typing = false;
      connection.invoke("Send", value).then(function () { text.value = ""; }).catch(function () { showTransient(t.error); });
    };
    connect();
  }
  function showTransient(message) { typingLine.textContent = message; setTimeout(function () { typingLine.textContent = ""; }, 4000); }

  var agentTimer = null;
  function connect() {
    loadScript(base + "/lib/signalr/signalr.min.js").then(function () {
      connection = new signalR.HubConnectionBuilder()
        .withUrl(base + "/hubs/chat?c=" + encodeURIComponent(session.conversation) + "&t=" + encodeURIComponent(session.token), { withCredentials: false })
        .withAutomaticReconnect()
        .build();
      connection.on("chat-changed", loadMessages);
      connection.on("agent-typing", function (e) {
        clearTimeout(agentTimer);
        typingLine.textContent = e && e.on ? t.typing : "";
        if (e && e.on) agentTimer = setTimeout(function () { typingLine.textContent = ""; }, 15000);
      });
      connection.onreconnected(loadMessages);
      return connection.start();
    }).then(function () {
      root.setAttribute("data-connected", "true");
      loadMessages();
    }).catch(function () { loadMessages(); });
  }

  function loadMessages() {
    api("/chat/messages?c=" + encodeURIComponent(session.conversation) + "&after=" + lastId).then(function (r) {
      if (r.status === 401) {
        // The conversation is gone (or the secret is stale): start afresh.
        localStorage.removeItem(storeKey);
        session = null;
        if (connection) connection.stop();
        panel.querySelectorAll(".typing, .compose").forEach(function (n) { n.remove(); });
        return begin();
      }
      return r.json().then(function (lines) {
        lines.forEach(function (l) {
          if (shown[l.id]) return;
          shown[l.id] = true;
          lastId = Math.max(lastId, l.id);
          if (l.from === "agent") typingLine.textContent = "";
          var li = el("li", { "class": l.from, "data-id": String(l.id) });
          li.appendChild(el("bdi", { "class": "who" }, l.from === "visitor" ? t.you : (l.name || t.agent)));
          li.appendChild(el("span", { "class": "text", dir: "auto" }, l.body));
          list.appendChild(li);
        });
        body.scrollTop = body.scrollHeight;
      });
    }).catch(function () { });
  }

  fetch(base + "/chat/strings?lang=" + lang, { credentials: "omit", mode: "cors" })
    .then(function (r) { return r.json(); })
    .then(function (strings) {
      t = strings;
      build();
      (document.body || document.documentElement).appendChild(host);
    });
})();

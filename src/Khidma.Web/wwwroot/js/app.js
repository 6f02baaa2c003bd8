// Small glue around htmx: errors and toasts. Pages work without it.
(function () {
  function toast(html, kind) {
    var box = document.getElementById("toasts");
    if (!box) return;
    var div = document.createElement("div");
    div.className = "alert " + (kind || "ok");
    div.setAttribute("role", kind === "error" ? "alert" : "status");
    div.textContent = html;
    box.appendChild(div);
    setTimeout(function () { div.remove(); }, 6000);
  }
  document.addEventListener("htmx:responseError", function (e) {
    var tmp = document.createElement("div");
    tmp.innerHTML = e.detail.xhr.responseText || "";
    toast(tmp.textContent.trim() || "Error " + e.detail.xhr.status, "error");
  });
  document.addEventListener("htmx:sendError", function () { toast(document.body.dataset.offline || "Network error", "error"); });
  // Server-sent toasts: HX-Trigger: {"toast": "message"}
  document.addEventListener("toast", function (e) { toast(e.detail.value || e.detail, "ok"); });
  window.khidma = { toast: toast };
})();

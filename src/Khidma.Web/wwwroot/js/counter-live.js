// Counter queue live updates (K1, X7): the anonymous /hubs/counter says "this branch's queue changed"; the board,
// the consoles and the ticket page then refetch their fragments through their normal GET handlers (each listens for
// a "queue-changed" event on <body>). Their slow poll stays as the fallback while the connection is lost.
(function () {
  var script = document.currentScript;
  if (!script || !window.signalR) return;
  var branch = script.dataset.branch;
  if (!branch) return;
  var pending = null, last = 0;
  // At most one refetch per 300 ms: a burst of calls becomes one refresh.
  function changed() {
    if (pending) return;
    var wait = Math.max(0, last + 300 - Date.now());
    pending = setTimeout(function () {
      pending = null;
      last = Date.now();
      if (window.htmx) htmx.trigger(document.body, "queue-changed");
    }, wait);
  }
  var connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/counter")
    .withAutomaticReconnect([0, 2000, 5000, 10000, 30000])
    .build();
  connection.on("queue-changed", changed);
  function join() {
    return connection.invoke("Join", branch).then(function () { document.body.dataset.counterLive = "connected"; });
  }
  connection.onreconnecting(function () { document.body.dataset.counterLive = "reconnecting"; });
  connection.onreconnected(function () { join().then(changed).catch(function () { }); });
  connection.onclose(function () { document.body.dataset.counterLive = "closed"; });
  function start() {
    connection.start().then(join).catch(function () {
      document.body.dataset.counterLive = "failed";
      setTimeout(start, 15000);
    });
  }
  start();
})();

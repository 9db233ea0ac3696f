// castpress serve: live reload, build errors shown on the page, and a link to the previews.
(() => {
  const overlayId = "castpress-problems";
  function showProblems(lines) {
    let overlay = document.getElementById(overlayId);
    if (!lines || lines.length === 0) {
      overlay?.remove();
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = overlayId;
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:2147483647;margin:0;padding:1em;" +
        "background:#2b0b0b;color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;border-top:4px solid #e5484d";
      document.body.append(overlay);
    }
    overlay.textContent = "The last build failed; this page is from the last good one.\n\n" + lines.join("\n");
  }
  function previewLink() {
    // Under the site's base path too (/show/episodes/<slug>/).
    const match = /\/episodes\/([^/]+)\/$/.exec(location.pathname);
    if (!match) return;
    const link = document.createElement("a");
    link.href = `/__castpress/preview/${match[1]}/`;
    link.textContent = "Preview email & feeds";
    link.style.cssText =
      "position:fixed;top:.5em;right:.5em;z-index:2147483646;padding:.4em .8em;border-radius:.4em;" +
      "background:#111;color:#fff;font:14px system-ui,sans-serif;text-decoration:none";
    document.body.append(link);
  }
  // Set on the page shown before any build has succeeded, to the problems it lists.
  const pending = document.documentElement.dataset.castpressPending;
  function onStatus({ built, problems }) {
    if (pending === undefined) showProblems(problems);
    else if (built || JSON.stringify(problems) !== pending) location.reload();
  }
  const events = new EventSource("/__castpress/events");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("status", (event) => onStatus(JSON.parse(event.data)));
  if (pending === undefined) document.addEventListener("DOMContentLoaded", previewLink);
})();

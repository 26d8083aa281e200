/* An embedded view's link to the full view (components/embed_frame.py) opens the address
   the reader sees at that moment (a year chosen on the map, a profile opened from it),
   without the embed parameters. Set when followed: the address changes in place. */
document.addEventListener("click", function (event) {
  const link = event.target.closest && event.target.closest("#embed-full-view");
  if (!link) { return; }
  const params = new URLSearchParams(window.location.search);
  params.delete("einbetten");
  params.delete("diagramm");
  const rest = params.toString();
  link.href = window.location.pathname + (rest ? "?" + rest : "");
}, true);

/* The pages router draws a page anew when a link or the browser's history changes the
 * address (dcc.Link, back and forward): its Location hears those events only. A page's own
 * controls change the address in place, without them. On a link, the page's Location hears
 * the same event, so the page about to be replaced would answer the address too, and its
 * answers would be drawn into its successor, which answers it again: every chart twice.
 * The page's search store (components/page_search.py) asks `drawsAnew` and stays still. */
(function () {
    function here() {
        return window.location.pathname + window.location.search;
    }

    // The address the router last heard, and one it will draw but no page has asked about.
    var routed = here();
    var pending = null;

    function heard() {
        var now = here();
        if (now !== routed) {
            routed = now;
            pending = now;
        }
    }

    // Registered before any Location mounts, so this runs before the router hears the event.
    window.addEventListener('popstate', heard);
    window.addEventListener('_dashprivate_pushstate', heard);

    window.netzwerkatlasRouting = {
        drawsAnew: function (address) {
            var hit = pending === address;
            if (hit) { pending = null; }
            return hit;
        },
        drawn: function () { pending = null; }
    };
})();

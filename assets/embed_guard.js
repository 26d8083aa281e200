/* An embedded view (loaded with einbetten=1 in a foreign site's frame) stays a visitor's view
 * for as long as this document lives: every request it sends carries X-Netzwerkatlas-Embed,
 * which the server serves as an anonymous visitor's (dashboard/web/embed.py), and a link
 * that would leave embed mode opens the full view in a new window instead of turning the
 * frame into the whole app. Same rule as dashboard/state/embed.py: any einbetten value of 1.
 */
(function () {
    function embedded(search) {
        return new URLSearchParams(search).getAll('einbetten').some(function (value) {
            return value.trim() === '1';
        });
    }
    if (!embedded(window.location.search)) { return; }

    var send = window.fetch.bind(window);
    window.fetch = function (resource, options) {
        var url = new URL(resource instanceof Request ? resource.url : String(resource),
                          window.location.href);
        if (url.origin !== window.location.origin) { return send(resource, options); }
        var init = Object.assign({}, options || {});
        var headers = new Headers(init.headers || (resource instanceof Request ? resource.headers : {}));
        headers.set('X-Netzwerkatlas-Embed', '1');
        init.headers = headers;
        return send(resource, init);
    };

    document.addEventListener('click', function (event) {
        var link = event.target.closest && event.target.closest('a[href]');
        if (!link || link.target === '_blank') { return; }
        var url = new URL(link.href, window.location.href);
        if (url.origin !== window.location.origin || embedded(url.search)) { return; }
        event.preventDefault();
        event.stopPropagation();
        window.open(url.href, '_blank', 'noopener');
    }, true);
})();

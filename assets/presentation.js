/* Keyboard for the slide show on /praesentation (presenter clickers send PageUp/PageDown
 * or the arrow keys). The keys press the show's own buttons, so a key and a click do the
 * same thing; the slide index itself lives in a Dash store.
 *
 *   → ↓ PageDown Space: next slide   ← ↑ PageUp: previous slide
 *   B: black screen on/off (a move key also brings the slide back, without moving)
 *   F: full screen on/off            Esc (outside full screen): leave to the deck editor
 *
 * In full screen the browser itself takes Esc to leave full screen first.
 *
 * The presenter view (…&referent=1, a second window) and the show follow each other: each
 * tells the other its slide index and whether the screen is black, on a BroadcastChannel
 * (same origin, no server, works offline). A message names its deck, so two different
 * decks open at once do not steer each other.
 *
 * The slides are kept in the browser (kept_slides.js), so the show goes on when the server
 * is gone; a note in the bar says so. Whether the server is there is asked every few
 * seconds with a HEAD request to this page's own address.
 */
(function () {
    "use strict";
    const NEXT = ["ArrowRight", "ArrowDown", "PageDown", " "];
    const PREVIOUS = ["ArrowLeft", "ArrowUp", "PageUp"];
    const BLANKED = "presentation-blanked";
    const channel = ("BroadcastChannel" in window) ? new BroadcastChannel("netzwerkatlas-praesentation") : null;
    const state = {root: null, index: 0, blank: false};

    function root() {
        return document.getElementById("presentation-root");
    }

    function press(rootElement, className) {
        const button = rootElement.querySelector("." + className);
        if (button) { button.click(); }
    }

    function typing(target) {
        return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }

    function isPresenter(rootElement) {
        return rootElement.dataset.part === "presenter";
    }

    function tell(message) {
        const rootElement = root();
        if (channel && rootElement) {
            channel.postMessage(Object.assign({deck: rootElement.dataset.deck}, message));
        }
    }

    function showBlank(rootElement, on) {
        state.blank = on;
        rootElement.classList.toggle(BLANKED, on);
        const flag = document.getElementById("presenter-blank");
        if (flag) { flag.hidden = !on; }
    }

    function setBlank(on) {
        const rootElement = root();
        if (!rootElement) { return; }
        showBlank(rootElement, on);
        tell({kind: "blank", on: on});
    }

    // Called by the page's callback whenever the index store of this window changes.
    window.presentationSync = {
        moved: function (index) {
            const rootElement = root();
            if (!rootElement) { return; }
            const fresh = rootElement !== state.root;
            state.root = rootElement;
            state.index = index;
            if (fresh) {
                state.blank = false;
                // A presenter view just opened asks where the show is; a show just opened says.
                tell(isPresenter(rootElement) ? {kind: "hello"} : {kind: "index", index: index});
                return;
            }
            tell({kind: "index", index: index});
        }
    };

    if (channel) {
        channel.onmessage = function (event) {
            const rootElement = root();
            const message = event.data || {};
            if (!rootElement || message.deck !== rootElement.dataset.deck) { return; }
            if (message.kind === "hello" && !isPresenter(rootElement)) {
                tell({kind: "index", index: state.index});
                tell({kind: "blank", on: state.blank});
            } else if (message.kind === "index" && message.index !== state.index) {
                state.index = message.index;
                window.dash_clientside.set_props(
                    {type: "presentation-index", deck: rootElement.dataset.part}, {data: message.index}
                );
            } else if (message.kind === "blank") {
                showBlank(rootElement, Boolean(message.on));
            }
        };
    }

    // The server is gone when it does not answer (or a proxy in front of it says so: 5xx).
    const CHECK_MS = 5000;

    function showLost(lost) {
        const rootElement = root();
        const note = rootElement ? rootElement.querySelector(".presentation-offline") : null;
        if (note) { note.hidden = !lost; }
    }

    function checkServer() {
        if (!root()) { return; }
        const controller = new AbortController();
        const timeout = setTimeout(function () { controller.abort(); }, CHECK_MS);
        fetch(window.location.pathname, {method: "HEAD", cache: "no-store", signal: controller.signal})
            .then(function (response) { showLost(response.status >= 500); },
                  function () { showLost(true); })
            .finally(function () { clearTimeout(timeout); });
    }
    setInterval(checkServer, CHECK_MS);
    window.addEventListener("offline", function () { showLost(true); });
    window.addEventListener("online", checkServer);

    // The presenter view's timer: time since the view opened (or since its reset button).
    let started = Date.now();
    setInterval(function () {
        const timer = document.getElementById("presenter-timer");
        if (!timer) { started = Date.now(); return; }
        const seconds = Math.floor((Date.now() - started) / 1000);
        const minutes = Math.floor(seconds / 60);
        timer.textContent = String(minutes).padStart(2, "0") + ":" + String(seconds % 60).padStart(2, "0");
    }, 1000);
    document.addEventListener("click", function (event) {
        if (event.target.closest && event.target.closest("#presenter-timer-reset")) {
            started = Date.now();
            document.getElementById("presenter-timer").textContent = "00:00";
        }
    });

    document.addEventListener("keydown", function (event) {
        const rootElement = root();
        if (!rootElement || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
        const moves = NEXT.includes(event.key) || PREVIOUS.includes(event.key);
        if (state.blank && moves) {
            setBlank(false);
        } else if (NEXT.includes(event.key)) {
            press(rootElement, "presentation-next");
        } else if (PREVIOUS.includes(event.key)) {
            press(rootElement, "presentation-prev");
        } else if (event.key === "b" || event.key === "B") {
            setBlank(!state.blank);
        } else if (event.key === "f" || event.key === "F") {
            press(rootElement, "presentation-fullscreen");
        } else if (event.key === "Escape" && !document.fullscreenElement) {
            const exit = document.getElementById("presentation-exit");
            if (exit) { exit.click(); }
            return;
        } else {
            return;
        }
        event.preventDefault();
    });
})();

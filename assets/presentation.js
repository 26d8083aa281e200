/* Keyboard for the slide show on /praesentation (presenter clickers send PageUp/PageDown
 * or the arrow keys). The keys press the show's own buttons, so a key and a click do the
 * same thing; the slide index itself lives in a Dash store.
 *
 *   → ↓ PageDown Space: next slide   ← ↑ PageUp: previous slide
 *   F: full screen on/off            Esc (outside full screen): leave to the deck editor
 *
 * In full screen the browser itself takes Esc to leave full screen first.
 */
(function () {
    "use strict";
    const NEXT = ["ArrowRight", "ArrowDown", "PageDown", " "];
    const PREVIOUS = ["ArrowLeft", "ArrowUp", "PageUp"];

    function press(root, className) {
        const button = root.querySelector("." + className);
        if (button) { button.click(); }
    }

    function typing(target) {
        return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }

    document.addEventListener("keydown", function (event) {
        const root = document.getElementById("presentation-root");
        if (!root || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
        if (NEXT.includes(event.key)) {
            press(root, "presentation-next");
        } else if (PREVIOUS.includes(event.key)) {
            press(root, "presentation-prev");
        } else if (event.key === "f" || event.key === "F") {
            press(root, "presentation-fullscreen");
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

/* The deck's PDF (/praesentation) and an actor's Steckbrief (/akteur/<id>) are drawn on the
 * server, a few seconds each. Instead of a link that seems to do nothing all that time, the
 * button fetches the file itself: it says that the PDF is being made, saves it under the
 * server's file name when it is done, and says so when it failed. The texts come from the
 * button (data-busy, data-failed), and so does the element that says them (data-status; the
 * deck's button has none and uses the deck's status line); a refusal
 * the server explains (too many slides, too many requests, login needed: plain text in the
 * visitor's language) is shown as the server wrote it. */
(function () {
    "use strict";
    const BUTTONS = "#presentation-pdf, .pdf-download";
    const DECK_STATUS_ID = "presentation-pdf-status";
    const BUSY_CLASS = "pdf-busy";

    function say(button, text) {
        if (window.dash_clientside && window.dash_clientside.set_props) {
            window.dash_clientside.set_props(button.dataset.status || DECK_STATUS_ID, {children: text});
        }
    }

    function fileName(response) {
        const header = response.headers.get("Content-Disposition") || "";
        const match = /filename="([^"]+)"/.exec(header);
        return match ? match[1] : "praesentation.pdf";
    }

    function save(blob, name) {
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    }

    const MAX_REASON = 300;

    /* The server's own words for a refusal, or null when it sent none. */
    async function reason(response) {
        const type = response.headers.get("Content-Type") || "";
        if (response.ok || response.redirected || !type.startsWith("text/plain")) { return null; }
        return (await response.text()).slice(0, MAX_REASON);
    }

    async function download(button) {
        button.classList.add(BUSY_CLASS);
        button.setAttribute("aria-busy", "true");
        say(button, button.dataset.busy);
        try {
            const response = await fetch(button.href, {credentials: "same-origin"});
            // A lapsed login is redirected to the login page: that is no PDF either.
            const type = response.headers.get("Content-Type") || "";
            const refused = await reason(response);
            if (refused) {
                say(button, refused);
                return;
            }
            if (!response.ok || response.redirected || !type.startsWith("application/pdf")) {
                throw new Error(String(response.status));
            }
            save(await response.blob(), fileName(response));
            say(button, "");
        } catch (error) {
            say(button, button.dataset.failed);
        } finally {
            button.classList.remove(BUSY_CLASS);
            button.removeAttribute("aria-busy");
        }
    }

    document.addEventListener("click", function (event) {
        const button = event.target.closest && event.target.closest(BUTTONS);
        if (!button || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
        event.preventDefault();
        if (!button.classList.contains(BUSY_CLASS)) { download(button); }
    });
})();

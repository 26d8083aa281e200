/* Accessibility of every page, in one place rather than in each page's layout.
 *
 * - <html lang> follows the page's language (the frame sets lang on <main>), so a screen
 *   reader speaks English pages in English.
 * - Every plotly chart becomes one image for assistive technology: role="img", its title as
 *   the accessible name (the figure's title, else the heading of its card or page) and
 *   the figure's layout.meta.description (or the message of an empty figure) as its
 *   description. Figures arrive from callbacks, so this runs after every change of the page.
 * - Names for the parts of third-party controls that bring none (Dash 4.4, dash-ag-grid 35):
 *   - the number inputs and thumbs of dcc.Slider and dcc.RangeSlider: a wrapper's
 *     data-slider-from / data-slider-to (a range) or data-slider-name (one value) hold the
 *     names from the catalogs (dashboard/components/slider_names.py); Dash gives the inputs
 *     none and the thumbs the English "Minimum" and "Maximum";
 *   - the hidden file input of dcc.Upload, the drop zone's only tab stop: named by the
 *     zone's visible text ("Datei hierher ziehen …"). Its autocomplete="off" (set by
 *     react-dropzone) is removed: HTML allows no autocomplete on a file input.
 */
(function () {
    "use strict";
    const DESCRIPTIONS_ID = "graph-descriptions";

    // Plotly titles may carry <b>/<br>; DOMParser reads them as text without loading or
    // running anything in them (titles can hold names from imported data).
    function plainText(html) {
        const parsed = new DOMParser().parseFromString(String(html || ""), "text/html");
        return parsed.body.textContent.replace(/\s+/g, " ").trim();
    }

    function descriptionStore() {
        // Outside Dash's React tree, so React never removes it; `hidden` keeps it out of the
        // reading order while aria-describedby still reads it.
        let store = document.getElementById(DESCRIPTIONS_ID);
        if (!store) {
            store = document.createElement("div");
            store.id = DESCRIPTIONS_ID;
            store.hidden = true;
            document.body.appendChild(store);
        }
        return store;
    }

    function figureTitle(plot, graph) {
        const layout = plot.layout || {};
        const title = layout.title && (typeof layout.title === "string" ? layout.title : layout.title.text);
        if (title) {
            return plainText(title);
        }
        // A chart without a title of its own is named by the card it sits in, or else by
        // the page's heading (the one big chart of /karte and /netzwerk).
        const card = graph.closest(".card");
        const heading = (card && card.querySelector(".card-header h1, .card-header h2, .card-header h3"))
            || document.querySelector("#main h1");
        return heading ? heading.textContent.replace(/\s+/g, " ").trim() : "";
    }

    function figureDescription(plot) {
        const layout = plot.layout || {};
        if (layout.meta && layout.meta.description) {
            return plainText(layout.meta.description);
        }
        const notes = (layout.annotations || []).map(function (note) { return plainText(note.text); });
        return notes.filter(Boolean).join(" ");
    }

    function describeGraph(plot) {
        const graph = plot.parentElement;
        if (!graph || !graph.id || !plot.layout) {
            return;
        }
        const title = figureTitle(plot, graph);
        const description = figureDescription(plot);
        graph.setAttribute("role", "img");
        if (title && graph.getAttribute("aria-label") !== title) {
            graph.setAttribute("aria-label", title);
        }
        const descriptionId = graph.id + "-sr-description";
        let element = document.getElementById(descriptionId);
        if (!element) {
            element = document.createElement("p");
            element.id = descriptionId;
            descriptionStore().appendChild(element);
        }
        if (element.textContent !== description) {
            element.textContent = description;
        }
        if (graph.getAttribute("aria-describedby") !== descriptionId) {
            graph.setAttribute("aria-describedby", descriptionId);
        }
    }

    function setName(element, name) {
        if (element && name && element.getAttribute("aria-label") !== name) {
            element.setAttribute("aria-label", name);
        }
    }

    function nameSlider(wrapper) {
        const data = wrapper.dataset;
        const thumbs = wrapper.querySelectorAll('[role="slider"]');
        if (data.sliderName) {
            // One value: Dash draws its one number input with the "max" class.
            setName(wrapper.querySelector(".dash-range-slider-max-input"), data.sliderName);
            thumbs.forEach(function (thumb) { setName(thumb, data.sliderName); });
            return;
        }
        setName(wrapper.querySelector(".dash-range-slider-min-input"), data.sliderFrom);
        setName(wrapper.querySelector(".dash-range-slider-max-input"), data.sliderTo);
        // The thumbs keep their order (allowCross=False): the first is the start of the range.
        setName(thumbs[0], data.sliderFrom);
        setName(thumbs[1], data.sliderTo);
    }

    function nameFileInput(input) {
        const zone = input.parentElement;
        setName(input, zone ? zone.textContent.replace(/\s+/g, " ").trim() : "");
        if (input.hasAttribute("autocomplete")) {
            input.removeAttribute("autocomplete");
        }
    }

    function update() {
        const main = document.querySelector("#main[lang]");
        if (main && document.documentElement.lang !== main.lang) {
            document.documentElement.lang = main.lang;
        }
        document.querySelectorAll(".js-plotly-plot").forEach(describeGraph);
        document.querySelectorAll("[data-slider-name], [data-slider-from]").forEach(nameSlider);
        document.querySelectorAll('input[type="file"]').forEach(nameFileInput);
    }

    let scheduled = false;
    function schedule() {
        if (!scheduled) {
            scheduled = true;
            window.requestAnimationFrame(function () {
                scheduled = false;
                update();
            });
        }
    }

    function start() {
        new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true});
        schedule();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();

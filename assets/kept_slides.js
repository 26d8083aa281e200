/* The slide show's slides, kept in the browser (the `kept` store of /praesentation: slide
 * index → title, filter line, key figures, chart and its config; see slide_show.py).
 *
 * The server sends each slide once, one after another, the slide shown first. Moving and
 * drawing then read only the kept slides, so a show keeps going when the server is gone
 * mid-talk (a lost venue network, a laptop that lost the server). The layout built here is
 * the one slide_show.slide_data describes; the classes are styled in presentation.css.
 */
(function () {
    "use strict";

    function component(namespace, type, props) {
        return {namespace: namespace, type: type, props: props};
    }

    function html(type, props) {
        return component("dash_html_components", type, props);
    }

    function fact(pair) {
        return html("Div", {
            className: "presentation-fact",
            children: [
                html("Div", {className: "presentation-fact-value", children: pair[1]}),
                html("Div", {className: "presentation-fact-label", children: pair[0]})
            ]
        });
    }

    // `graphType` tells the show's slide from the presenter view's next one (ids unique).
    function slideTree(slide, index, graphType) {
        const header = [html("H1", {
            className: "presentation-title",
            id: graphType.replace(/-graph$/, "") + "-slide-title",
            children: slide.title
        })];
        // The "Beispieldaten" mark shares the filter line's row: no height taken from the chart.
        const line = slide.subtitle ? [slide.subtitle] : [];
        if (slide.sample) {
            line.push(html("Span", {className: "presentation-sample", children: slide.sample}));
        }
        if (line.length) {
            header.push(html("P", {className: "presentation-subtitle", children: line}));
        }
        const tree = [html("Header", {className: "presentation-header", children: header})];
        if (slide.facts && slide.facts.length) {
            tree.push(html("Div", {className: "presentation-facts", children: slide.facts.map(fact)}));
        }
        // A copy: plotly writes into the figure it draws (ranges, sizes), the kept one stays as sent.
        tree.push(component("dash_core_components", "Graph", {
            id: {type: graphType, index: index},
            figure: JSON.parse(JSON.stringify(slide.figure)),
            config: slide.config,
            className: "presentation-graph",
            responsive: true,
            style: {height: "100%"}
        }));
        return tree;
    }

    function waiting(labels) {
        return html("P", {className: "presentation-waiting", children: (labels || {}).loading});
    }

    function slideCount(data) {
        return (data && data.deck && data.deck.slides) ? data.deck.slides.length : 0;
    }

    // The first slide not yet kept, looking from the one shown onwards (then from the start).
    function nextMissing(kept, index, count) {
        for (let step = 0; step < count; step++) {
            const candidate = (index + step) % count;
            if (!(String(candidate) in kept)) { return candidate; }
        }
        return null;
    }

    // What each output last drew: a slide arriving for another index redraws nothing.
    const drawn = {};

    function drawOnce(slide, index, graphType) {
        const context = window.dash_clientside.callback_context;
        const key = JSON.stringify(context.outputs_list.id);
        if (drawn[key] && drawn[key].slide === slide && drawn[key].index === index) {
            return window.dash_clientside.no_update;
        }
        drawn[key] = {slide: slide, index: index};
        return slideTree(slide, index, graphType);
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        keptSlides: {
            draw: function (index, kept, labels) {
                const shown = index || 0;
                const slide = (kept || {})[String(shown)];
                return slide ? drawOnce(slide, shown, "presentation-graph") : waiting(labels);
            },

            drawUpcoming: function (index, kept, data, labels) {
                const upcoming = (index || 0) + 1;
                if (upcoming >= slideCount(data)) {
                    return html("P", {className: "presenter-end", children: (labels || {}).end});
                }
                const slide = (kept || {})[String(upcoming)];
                return slide ? drawOnce(slide, upcoming, "presenter-next-graph") : waiting(labels);
            },

            // Ask the server for the next slide to keep; the bar's mark shows once all are kept.
            askNext: function (kept, index, data) {
                const count = slideCount(data);
                const missing = nextMissing(kept || {}, index || 0, count);
                if (missing !== null) {
                    const part = window.dash_clientside.callback_context.inputs_list[0].id.deck;
                    window.dash_clientside.set_props({type: "presentation-want", deck: part}, {data: missing});
                }
                return missing !== null;
            }
        }
    });
})();

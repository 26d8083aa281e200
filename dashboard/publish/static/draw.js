/* Draws each chart of a published page from its figure file (figures/*.json, next to the
 * page), with the app's chart settings: mode bar on hover, PNG at three times the size. */
(function () {
    'use strict';
    var CONFIG = {
        displaylogo: false,
        responsive: true,
        displayModeBar: 'hover',
        modeBarButtonsToRemove: [
            'select2d', 'lasso2d', 'zoomIn2d', 'zoomOut2d', 'autoScale2d',
            'hoverClosestCartesian', 'hoverCompareCartesian', 'toggleSpikelines'
        ]
    };

    function fileName(title) {
        return (title || 'netzwerkatlas').replace(/[^A-Za-z0-9äöüÄÖÜß_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
    }

    function draw(holder) {
        var config = Object.assign({}, CONFIG, {
            toImageButtonOptions: {format: 'png', filename: fileName(holder.dataset.name), scale: 3}
        });
        return fetch(holder.dataset.figure)
            .then(function (response) {
                if (!response.ok) { throw new Error(holder.dataset.figure + ': ' + response.status); }
                return response.json();
            })
            .then(function (figure) {
                return window.Plotly.newPlot(holder, figure.data, figure.layout, config);
            })
            .then(function () { holder.classList.add('is-drawn'); })
            .catch(function (error) {
                holder.textContent = holder.dataset.failed;
                holder.classList.add('is-failed');
                throw error;
            });
    }

    Array.prototype.forEach.call(document.querySelectorAll('.published-chart'), draw);
})();

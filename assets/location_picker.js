/* A click on the small map of the actor form sets the coordinate fields.
 * Plotly reports clicks on points only, so the click is taken from the MapLibre map under
 * the graph; the fields are set through Dash (set_props), so the marker follows and the
 * values are what "Speichern" sends. German pages get a decimal comma, as typed there. */
(function () {
    var GRAPH = '#profile-edit-map .js-plotly-plot';
    var DIGITS = 5;  // about a metre: finer than any address

    function decimal(value) {
        var text = value.toFixed(DIGITS);
        return document.documentElement.lang === 'en' || document.querySelector('main[lang="en"]') ? text : text.replace('.', ',');
    }

    function attach() {
        var graph = document.querySelector(GRAPH);
        var layout = graph && graph._fullLayout;
        var map = layout && layout.map && layout.map._subplot && layout.map._subplot.map;
        // Plotly may build a new MapLibre map when the figure is replaced: mark each one.
        if (!map || map.netzwerkatlasPicker || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
        map.netzwerkatlasPicker = true;
        map.getCanvas().style.cursor = 'crosshair';
        map.on('click', function (event) {
            window.dash_clientside.set_props('profile-edit-lat', {value: decimal(event.lngLat.lat)});
            window.dash_clientside.set_props('profile-edit-lon', {value: decimal(event.lngLat.lng)});
        });
    }

    // The form's map appears only when a staff member opens the form; checking twice a
    // second costs nothing and needs no hook into Dash's rendering.
    window.setInterval(attach, 500);
})();

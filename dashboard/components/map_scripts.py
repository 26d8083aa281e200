"""The browser-side callbacks of /karte: pure UI toggles that cost no request.

The page registers them (pages/map.py); kept here so the page module stays readable.
"""

from __future__ import annotations

import json

from dashboard.figures.map import HIDDEN_LINKS_NOTE
from dashboard.figures.map_bins import BIN_CLICK_PREFIX
from dashboard.state.map import (
    BASEMAP_PARAM,
    LINK_PARAM,
    METRIC_PARAM,
    PARAM_BASEMAP,
    PARAM_FOCUS,
    PARAM_LEVEL,
    PARAM_LINKS,
    PARAM_METRIC,
    PARAM_MODE,
    PARAM_VIEW,
    PARAM_YEAR,
)

# Play/pause and stepping through the years.
PLAY_SCRIPT = """
function(clicks, ticks, value, marks, max, disabled, labels, drawn) {
    const nu = window.dash_clientside.no_update;
    const triggered = (window.dash_clientside.callback_context.triggered || []).map(t => t.prop_id);
    const years = Object.keys(marks || {}).map(Number).filter(y => y < max).sort((a, b) => a - b);
    const stop = [nu, true, 'bi bi-play-fill me-1', labels.play];
    if (!years.length) { return stop; }
    const playing = !disabled;
    if (triggered.includes('map-play.n_clicks')) {
        if (playing) { return stop; }
        const last = years[years.length - 1];
        const start = (value === null || value === undefined || value >= last) ? years[0] : value;
        window.netzwerkatlasMapShown = null;
        return [start, false, 'bi bi-pause-fill me-1', labels.pause];
    }
    if (!playing) { return [nu, nu, nu, nu]; }
    // Wait until the current year is on the map, then leave it there for one full
    // interval: a slow server shows every frame later instead of skipping frames.
    if (drawn !== value) { return [nu, nu, nu, nu]; }
    if (window.netzwerkatlasMapShown !== value) {
        window.netzwerkatlasMapShown = value;
        return [nu, nu, nu, nu];
    }
    const next = years.find(y => y > value);
    if (next === undefined) { return stop; }
    if (next === years[years.length - 1]) {
        return [next, true, 'bi bi-play-fill me-1', labels.play];
    }
    return [next, false, 'bi bi-pause-fill me-1', labels.pause];
}
"""

# Show the options of the chosen view only.
VIEW_OPTIONS_SCRIPT = """
function(view) {
    const hidden = {display: 'none'};
    return view === 'regionen' ? [hidden, null] : [null, hidden];
}
"""

# The address without the link display: the map is drawn anew only when this changes.
FIGURE_SEARCH_SCRIPT = f"""
function(search, current) {{
    const params = new URLSearchParams(search || '');
    params.delete('{PARAM_LINKS}');
    const key = params.toString();
    return key === current ? window.dash_clientside.no_update : key;
}}
"""

# Switch the link display from the styles each link trace carries (no request).
LINK_DISPLAY_SCRIPT = f"""
function(search, _drawn, figure) {{
    const nu = window.dash_clientside.no_update;
    if (!figure || !figure.data) {{ return nu; }}
    const names = {json.dumps(LINK_PARAM)};
    const value = new URLSearchParams(search || '').get('{PARAM_LINKS}');
    const mode = Object.keys(names).find(key => names[key] === value) || 'width';
    let changed = false;
    const data = figure.data.map(trace => {{
        const styles = trace.meta && trace.meta.link_styles;
        if (!styles) {{ return trace; }}
        const style = styles[mode];
        const line = style ? {{...trace.line, width: style.width}} : trace.line;
        const next = {{...trace, visible: Boolean(style), line, opacity: style ? style.opacity : trace.opacity}};
        changed = changed || next.visible !== trace.visible || next.opacity !== trace.opacity
            || line.width !== (trace.line || {{}}).width;
        return next;
    }});
    if (!changed) {{ return nu; }}
    const annotations = ((figure.layout || {{}}).annotations || []).map(
        note => note.name === '{HIDDEN_LINKS_NOTE}' ? {{...note, visible: mode !== 'off'}} : note);
    return {{...figure, data, layout: {{...figure.layout, annotations}}}};
}}
"""

# Write the controls' settings into the address, defaults left out.
URL_SCRIPT = """
function(year, mode, view, basemap, focus, level, metric, links, search, max, defaults) {{
    const nu = window.dash_clientside.no_update;
    const params = new URLSearchParams(search || '');
    const before = params.toString();
    const names = {names};
    const set = (name, value) => {{
        const unset = value === null || value === undefined || value === '';
        if (unset || value === defaults[name]) {{ params.delete(name); }}
        else {{ params.set(name, String(value)); }}
    }};
    set('{year}', (year === null || year === undefined || year >= max) ? null : year);
    set('{mode}', mode);
    set('{view}', view);
    set('{basemap}', names.basemap[basemap]);
    set('{focus}', focus);
    set('{level}', level);
    set('{metric}', names.metric[metric]);
    set('{links}', names.links[links]);
    const after = params.toString();
    if (after === before) {{ return nu; }}
    return after ? '?' + after.replace(/%2C/g, ',') : '';
}}
""".format(
    names=json.dumps({"basemap": BASEMAP_PARAM, "metric": METRIC_PARAM, "links": LINK_PARAM}),
    year=PARAM_YEAR,
    mode=PARAM_MODE,
    view=PARAM_VIEW,
    basemap=PARAM_BASEMAP,
    focus=PARAM_FOCUS,
    level=PARAM_LEVEL,
    metric=PARAM_METRIC,
    links=PARAM_LINKS,
)


# The view the user zoomed or panned to, from the map's own report of its corners; rounded,
# so that a still map reports no change. A relayout without corners (a click that zooms in)
# reads them from the map itself.
VIEWPORT_SCRIPT = """
function(relayout) {
    const nu = window.dash_clientside.no_update;
    if (!relayout || relayout['map.zoom'] === undefined) { return nu; }
    const gd = document.querySelector('#map-graph .js-plotly-plot');
    const shown = ((gd || {})._fullLayout || {}).map || {};
    let corners = (relayout['map._derived'] || {}).coordinates;
    if (!corners) {
        try {
            const bounds = shown._subplot.map.getBounds();
            corners = [[bounds.getWest(), bounds.getNorth()], [bounds.getEast(), bounds.getSouth()]];
        } catch (error) { return nu; }
    }
    const lons = corners.map(c => c[0]), lats = corners.map(c => c[1]);
    const round = v => Math.round(v * 1000) / 1000;
    // The mode bar's +/- buttons report the zoom alone: the centre is where the map is.
    const center = relayout['map.center'] || shown.center || {
        lon: (Math.min(...lons) + Math.max(...lons)) / 2,
        lat: (Math.min(...lats) + Math.max(...lats)) / 2,
    };
    return {
        zoom: round(relayout['map.zoom']),
        lat: round(center.lat), lon: round(center.lon),
        west: round(Math.min(...lons)), east: round(Math.max(...lons)),
        south: round(Math.min(...lats)), north: round(Math.max(...lats)),
    };
}
"""

BIN_ZOOM_STEP = 2  # one click: from all of Germany to a few Kreise

# A click on a hexagon zooms in on it (its customdata: id, texts, then lat and lon).
BIN_CLICK_SCRIPT = f"""
function(click) {{
    const point = ((click || {{}}).points || [])[0];
    const data = point && point.customdata;
    if (!Array.isArray(data) || !String(data[0]).startsWith('{BIN_CLICK_PREFIX}')) {{
        return window.dash_clientside.no_update;
    }}
    const gd = document.querySelector('#map-graph .js-plotly-plot');
    const zoom = ((gd._fullLayout || {{}}).map || {{}}).zoom || 5;
    window.Plotly.relayout(gd, {{
        'map.center': {{lat: Number(data[5]), lon: Number(data[6])}},
        'map.zoom': Math.min(zoom + {BIN_ZOOM_STEP}, 12),
    }});
    return String(data[0]);
}}
"""

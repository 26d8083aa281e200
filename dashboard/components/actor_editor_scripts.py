"""The browser-side callbacks of the actor editor on /akteur/<id>: pure UI toggles.

The page registers them (pages/actor.py); kept here so the page module stays readable.
"""

from __future__ import annotations

from dashboard.components import actor_editor

# Open or close the merge dialog, starting afresh each time.
MERGE_MODAL_SCRIPT = f"""
function(openClicks, cancelClicks) {{
    const opening = (window.dash_clientside.callback_context.triggered || [])
        .some(t => t.prop_id === '{actor_editor.MERGE_OPEN}.n_clicks');
    return [opening, null, null, true];
}}
"""

# A typed spelling joins the list (Enter or the button); unticking one removes it on saving.
ALIAS_SCRIPT = """
function(_clicks, _submits, text, options, value) {
    const nu = window.dash_clientside.no_update;
    const alias = (text || '').trim();
    if (!alias) { return [nu, nu, nu]; }
    const same = v => String(v).toLowerCase() === alias.toLowerCase();
    const listed = (options || []).find(same);
    if (listed !== undefined) {
        // Already in the list: tick it again rather than list it twice.
        return [nu, (value || []).some(same) ? nu : (value || []).concat([listed]), ''];
    }
    return [(options || []).concat([alias]), (value || []).concat([alias]), ''];
}
"""

# The marker follows the coordinate fields (typed, or set by a click on the map).
MARKER_SCRIPT = """
function(lat, lon, figure) {
    const nu = window.dash_clientside.no_update;
    if (!figure || !figure.data || !figure.data.length) { return nu; }
    const number = text => {
        const value = parseFloat(String(text || '').trim().replace(',', '.'));
        return Number.isFinite(value) ? value : null;
    };
    const y = number(lat), x = number(lon);
    const placed = y !== null && x !== null && Math.abs(y) <= 90 && Math.abs(x) <= 180;
    const marker = {...figure.data[0], lat: placed ? [y] : [], lon: placed ? [x] : []};
    return {...figure, data: [marker].concat(figure.data.slice(1))};
}
"""

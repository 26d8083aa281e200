"""A static snapshot of chosen views: HTML, the figures as JSON, plotly.js, the app's CSS and
the tile-free basemap, in one folder any web server can serve (`python -m dashboard publish`,
and the zip on /daten for admins).

The charts come from the same views as the pages (dashboard/views, through
presentation.slides), so a published chart is the page's chart. Only what an anonymous
visitor may see goes out: charts of public pages, never a table of stored rows, a staff
field or a survey result. No Dash here: the CLI builds a site without the web app.
"""

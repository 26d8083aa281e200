"""Entry point: `python app.py` serves the app; `gunicorn app:server` uses `server`."""

from dashboard import create_app

app = create_app()
server = app.server

if __name__ == "__main__":
    settings = server.extensions["netzwerkatlas"].settings
    app.run(host=settings.host, port=settings.port, debug=settings.debug)

"""The web app: app factory, page shell, staff login, security headers, rate limits and the one
place routes are registered."""

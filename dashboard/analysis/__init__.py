"""Pure functions on data frames: no Dash, no database, no figures."""

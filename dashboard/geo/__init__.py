"""Geodata shipped with the app: Bundesländer, places, districts, outlines."""

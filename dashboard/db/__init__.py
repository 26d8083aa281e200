"""Database layer: tables, engine, migrations and repository functions."""

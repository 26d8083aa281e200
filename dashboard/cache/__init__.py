"""The caches of computed answers."""

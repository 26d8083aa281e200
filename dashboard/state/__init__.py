"""The URL state of each page: typed, validated, parsed once from the query string."""

"""Import of flat registration lists: names, matching, sheets, column mappings, preview and commit."""

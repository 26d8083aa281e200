"""Network files in and out: Kumu, edge lists, GraphML and GEXF."""

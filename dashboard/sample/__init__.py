"""Sample data: the documented seed, the small and the national sample generators."""

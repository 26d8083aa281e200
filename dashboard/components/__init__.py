"""Reusable pieces of the page shell and of pages."""

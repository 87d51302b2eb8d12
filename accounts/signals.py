"""Audit entries for login events."""

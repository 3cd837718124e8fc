"""Admin wiring for insights."""

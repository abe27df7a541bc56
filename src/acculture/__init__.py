"""Acculture: an organisation's own programme against digital illiteracy."""

"""Handbook features: glossary, search tuning, governance metadata, what's new and topics."""

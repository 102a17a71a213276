"""Pieces shared by every feature: plain-English source errors and line-aware YAML loading."""

"""Loaders and scorers for the public evaluation datasets; each backs a `newsprobe eval` command."""

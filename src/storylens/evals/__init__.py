"""Evaluation commands that score storylens against third-party data sets in ../shared/data."""

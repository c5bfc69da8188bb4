"""Inputs to raw Articles: files, directories, records, feeds and URLs."""

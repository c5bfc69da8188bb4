"""Claim check: the stance of articles towards a claim (`storylens check`)."""

"""Name helpers: canonical names within an article and across a story, name words, descriptions."""

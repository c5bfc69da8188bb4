"""Speech helpers: quotation marks, speakers, antecedents, attributions, source categories."""

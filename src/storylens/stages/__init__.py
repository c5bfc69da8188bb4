"""Pipeline stages; registered in storylens.pipeline.registry."""

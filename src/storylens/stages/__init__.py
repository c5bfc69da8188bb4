"""Pipeline stages; registered in storylens.registry."""

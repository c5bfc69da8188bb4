"""Story stages: functions of a Story that fill story.results."""

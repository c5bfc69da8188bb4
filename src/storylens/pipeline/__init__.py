"""The stage pipeline: registry, build and checks, runner, executors, the stage time limit."""

"""`make bench`: measured side by side, reported as ratios. Never run by the tests."""

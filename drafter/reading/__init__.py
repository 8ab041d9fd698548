"""Reading: workspace files (YAML) -> a validated model, every value keeping its position."""

"""Commands: each a function over the layers, called by the thin cli."""

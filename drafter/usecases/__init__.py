"""The use cases both front ends call: the commands (commands/) and the web form (web/).

Build the draft, say where the cycle stands, read and update the English catalogue, merge late
changes: each a function over a workspace folder, with no printing and no click."""

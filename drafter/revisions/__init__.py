"""What changed between two generations of the draft: the sentences drafter wrote (tracking),
the base it keeps after a build (base), how they are found in the blocks (collect) and
compared (compare)."""

"""Drafting: the model -> French sentences, paragraphs and the draft as Markdown."""

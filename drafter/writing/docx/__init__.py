"""Blocks of the draft -> a .docx, and the merge into an edited draft. This package is the
only one that imports python-docx; its face is `write_docx` (writer.py) and the
deterministic save (package.py)."""

from drafter.writing.docx.package import save_deterministic
from drafter.writing.docx.writer import GENERATOR, DocxOptions, set_language, write_docx

__all__ = ["GENERATOR", "DocxOptions", "save_deterministic", "set_language", "write_docx"]

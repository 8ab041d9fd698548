"""Writing: the drafted Markdown -> Word (the only python-docx user), PDF, files on disk."""

"""`drafter serve`: a local web form to write an entry and see its French sentence as you type.

Optional (`pip install "drafter[web]"`): nothing outside this package imports it at import time.
"""

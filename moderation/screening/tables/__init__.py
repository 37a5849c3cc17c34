"""Phrase tables: the rules of the larger families, as data.

Each module here is a table and nothing else: shared fragments, rules (``patterns.Rule``) and the
vetoes that belong to a rule, written in the shorthand of ``patterns.py``. The code that searches
them and turns a match into a verdict is the family's module (``risk.py``). Nothing here runs at
screening time except the vetoes; the tables are built once, at import.

Every rule carries an example it must catch (tests/moderation/screening/test_rules.py), and every
change to a table changes what is held for every member: add a corpus line for it.
"""

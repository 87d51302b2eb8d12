"""The proposal pages in the permission matrix (core/tests/test_permission_matrix.py)."""

from core.tests.matrix import READ_ANY

# name: (method, kwargs/query builder(district) -> (kwargs, query), expected)
MATRIX = {
    # a queue of the user's own subtree, so every reader gets it (the sibling street sees its own)
    "proposals:inbox": ("get", lambda d: ({}, ""), READ_ANY),
}

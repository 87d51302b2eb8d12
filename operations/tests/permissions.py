"""/healthz in the permission walk: open to everyone, signed in or not."""

from core.tests.matrix import PUBLIC

MATRIX = {
    "operations:healthz": ("get", lambda d: ({}, ""), PUBLIC),
}

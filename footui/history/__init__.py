"""The history: the store (atomic, locked, versioned), its file I/O, checkpoints, statistics."""

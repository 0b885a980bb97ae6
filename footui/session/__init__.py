"""A session: the plan (routine -> phases), the clock-driven engine, and the runner that records it."""

"""Where footui's files live, and the user's settings."""

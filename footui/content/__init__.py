"""The article's exercises and routines as data, and loading and checking routines.toml."""

"""The routine and exercise editor. Imported on first use (n/e/c/d on the routine list, `footui edit`), so the
routine list's start-up does not grow: `opening` starts it, `routine` and `exercise` are the two forms, `form` what
they share, `questions` the small dialogs. Reading, checking and saving routines.toml is core:
`footui.content.editing`."""

"""Text from users made safe to show, and the wording shared by the screens and the command line."""

"""The command-line interface's commands, one module each (private)."""

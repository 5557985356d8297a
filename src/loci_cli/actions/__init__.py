"""What each command does, without Typer: plain values and an Environment in; rows, files or a result out."""

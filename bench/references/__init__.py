"""Reference servers the bench starts itself, so every product figure has a same-machine baseline."""

"""Input readers: turn paths, folders and stdin into Documents or error rows."""

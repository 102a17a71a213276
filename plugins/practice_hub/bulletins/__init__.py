"""The monthly Practice and Learning Bulletin: web, email and print editions."""

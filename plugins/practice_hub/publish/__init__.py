"""Safe publishing: build into a fresh folder, swap it in with a rename, keep the previous site."""

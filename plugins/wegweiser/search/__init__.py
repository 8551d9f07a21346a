"""Search data: German normalisation and the lunr index the browser loads."""

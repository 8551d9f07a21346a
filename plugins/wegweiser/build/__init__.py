"""Running a build: validate, render into a staging folder, swap it in atomically."""

from mitra.cli import app

app()

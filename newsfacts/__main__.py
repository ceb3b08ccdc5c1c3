from newsfacts.cli import cli

cli()

"""Applications: the command line, the SPARQL endpoint, timelines and the shared output formats."""

"""Running: batches over worker processes or a Dask cluster, progress and the run report."""

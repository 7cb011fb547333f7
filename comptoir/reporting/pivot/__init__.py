"""The pivot view: facts declared as data (sources), a checked spec, the computation in the
database, the lines behind a cell."""

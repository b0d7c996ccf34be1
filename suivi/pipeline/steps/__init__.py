"""The steps of the pipeline, one module per capability (see `suivi.pipeline.daily`)."""

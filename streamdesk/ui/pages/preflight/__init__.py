"""The Pre-flight page: a show's checklist before going live, its probes, its verdict and its history of runs."""

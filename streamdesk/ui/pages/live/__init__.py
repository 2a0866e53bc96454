"""The Live page: run a show's rundown against the clock, with its products on screen, then review it."""

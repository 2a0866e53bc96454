"""The Advice page: the seller's assistant (suggestions from past shows, with their evidence)."""

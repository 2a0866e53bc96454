"""The Warm-up page: booking links and QR codes per channel, the warm-up checklist, posters."""

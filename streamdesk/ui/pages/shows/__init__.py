"""The Shows page (直播计划) and the show's rundown editor."""

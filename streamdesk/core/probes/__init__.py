"""Pre-flight probes: measure the rig (audio, cameras, network, machine) and judge it against the thresholds."""

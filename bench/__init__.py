"""Accuracy and speed of thresher beside its peers, on the public gold sets."""

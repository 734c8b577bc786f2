"""Training of the block labeller shipped in ``thresher/label`` (``make train``, ``make oof``)."""

"""The public surface is deliberate: this list changes only on purpose."""

import thresher


def test_exported_members() -> None:
    assert thresher.__all__ == [
        "Article",
        "Block",
        "InputError",
        "InvalidOptionError",
        "LimitExceededError",
        "Link",
        "NoContentError",
        "Options",
        "ThresherError",
        "__version__",
        "extract",
        "extract_text",
    ]
    for name in thresher.__all__:
        assert hasattr(thresher, name), name


def test_error_tree() -> None:
    assert issubclass(thresher.InputError, thresher.ThresherError)
    assert issubclass(thresher.InputError, TypeError)
    assert issubclass(thresher.InvalidOptionError, ValueError)
    assert issubclass(thresher.NoContentError, thresher.ThresherError)
    assert issubclass(thresher.LimitExceededError, thresher.ThresherError)

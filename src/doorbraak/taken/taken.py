"""The queue's own periodic job."""


def hartslag() -> dict:
    """The worker's heartbeat: running at all is the point (the scheduler moves its next run)."""
    return {"ok": True}

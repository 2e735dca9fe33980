"""Reads beside the primary: the database router for a streaming replica, read-your-writes by
WAL position, and the replica's health (replay lag) for /gezondheid and /metrics."""

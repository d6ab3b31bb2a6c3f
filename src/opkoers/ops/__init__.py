"""Operations: the health endpoint, Prometheus metrics, JSON logs and the request id
that ties a request's log lines to the background task it started (docs/operations.md)."""

"""One router module per resource; `service.app` includes every module listed in ROUTES."""

ROUTES = (
    "auth",
    "users",
    "suppliers",
    "requirements",
    "shortlists",
    "events",
    "schedules",
    "profiles",
    "audit",
    "outcomes",  # built for issue 7; included when present
)

"""Database work behind the API routes, one module per resource. No HTTP in here: problems
are raised as `service.crud.errors` exceptions, which the app turns into status codes."""

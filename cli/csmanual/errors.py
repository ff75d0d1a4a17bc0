"""The one exception type for mistakes a user can fix; the CLI prints it and exits 1."""


class UserError(Exception):
    pass

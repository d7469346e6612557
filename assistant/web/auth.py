"""Who may open the chat: the login pairs from the settings or the auth file, and the rule that any
address other than loopback needs a login. Reads the auth file; nothing else here does I/O."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.app.config import Settings

def is_loopback(host: str) -> bool:
    """Whether binding `host` keeps the app on this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class LaunchError(RuntimeError):
    """The app must not start with these settings; the message says what to set."""


def credentials(settings: Settings) -> list[tuple[str, str]]:
    """The (user, password) pairs from the settings and the auth file; the file's text is never shown."""
    pairs: list[tuple[str, str]] = []
    if settings.auth_user or settings.auth_password:
        if not (settings.auth_user and settings.auth_password):
            raise LaunchError("set both ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD")
        user, password = settings.auth_user.strip(), settings.auth_password.get_secret_value()
        if not (user and password.strip()):
            raise LaunchError("ASSISTANT_AUTH_USER or ASSISTANT_AUTH_PASSWORD is only spaces: "
                              "set a real user name and password")
        pairs.append((user, password))  # Gradio strips the name people type
    if settings.auth_file:
        try:
            lines = settings.auth_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise LaunchError(f"cannot read the auth file {settings.auth_file}: "
                              f"{getattr(exc, 'strerror', None) or type(exc).__name__}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            user, sep, password = line.strip().partition(":")
            if not (sep and user.strip()):
                raise LaunchError(f"{settings.auth_file} line {number}: expected user:password")
            if not password.strip():
                raise LaunchError(f"{settings.auth_file} line {number}: the password is empty or "
                                  "only spaces: set a real password")
            pairs.append((user.strip(), password))
        if not pairs:
            raise LaunchError(f"the auth file {settings.auth_file} holds no user:password line")
    return pairs


def launch_auth(settings: Settings) -> list[tuple[str, str]] | None:
    """The credentials the app requires, or LaunchError when it would be open beyond this machine."""
    pairs = credentials(settings)
    if not pairs and not is_loopback(settings.host):
        raise LaunchError(
            f"refusing to serve on {settings.host} without a login: anyone who can reach it could "
            "use it. Set ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD, or ASSISTANT_AUTH_FILE "
            "(lines of user:password), or bind 127.0.0.1 (ASSISTANT_HOST).")
    return pairs or None

"""`storylens serve`: the web app over a store, under uvicorn."""

from __future__ import annotations

import ipaddress
import socket
from typing import Annotated

import typer

from storylens import store
from storylens.cli.common import DbOption, console
from storylens.web.security import LOOPBACK_HOSTS


def is_loopback(host: str) -> bool:
    """True when `host` (a name or an address) only ever means this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
        except socket.gaierror:
            return False
        return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


def allowed_hosts(host: str, given: list[str] | None) -> tuple[str, ...]:
    """The Host names the app answers to: those given, else the address it serves on (with the loopback
    names when that is loopback, and this machine's name when it listens on every address)."""
    if given:
        return tuple(given)
    if is_loopback(host):
        return tuple(dict.fromkeys((host, *LOOPBACK_HOSTS)))
    if host in ("0.0.0.0", "::"):
        return (socket.gethostname(), socket.getfqdn(), *LOOPBACK_HOSTS)
    return (host,)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback unless you pass --token).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(help="Write token (required off loopback).",
                                              envvar="STORYLENS_TOKEN")] = None,
    max_upload: Annotated[int, typer.Option(help="Largest accepted upload, in bytes.")] = 5 * 1024 * 1024,
    allow_private_urls: Annotated[bool, typer.Option(
        help="Let 'add by URL' fetch loopback, private and link-local addresses.")] = False,
    page_size: Annotated[int, typer.Option(help="Default length of paged lists.")] = 50,
    article_page_size: Annotated[int, typer.Option(help="Full article texts per page.")] = 10,
    allowed_host: Annotated[list[str] | None, typer.Option(
        help="A host name clients use to reach the server (repeat for more; '*' = any). Default: the --host "
             "address (and localhost names on loopback); requests naming another Host are refused.")] = None,
) -> None:
    """Serve story pages, article pages, search, adding articles and the JSON API (docs at /docs)."""
    import uvicorn

    from storylens.web.app import Settings, create_app

    if not is_loopback(host) and not token:
        console.print(f"[red]error:[/] refusing to listen on {host} without --token "
                      "(anyone who can reach it could add articles)", soft_wrap=True)
        raise typer.Exit(2)
    settings = Settings(db=db or store.DEFAULT_DB, token=token, max_upload=max_upload,
                        allow_private_urls=allow_private_urls, page_size=page_size,
                        article_page_size=article_page_size, allowed_hosts=allowed_hosts(host, allowed_host))
    console.print(f"storylens on http://{host}:{port}/ (store {settings.db}; API docs at /docs)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add the `serve` command."""
    app.command()(serve)

"""How the command line shows its parameters and reads the global ones, the same for
every command: metavars people read (`PATH...`, `ROLE`, `N`) instead of Python types
(`<list[str]>`), and the global options (`--config`, `--version`) accepted after the
subcommand as well as before it."""

from __future__ import annotations

from typer.core import TyperArgument, TyperCommand, TyperGroup

GLOBAL = ("--config",)  # global options that take a value
GLOBAL_FLAGS = ("--version",)
# Typer's type labels, as a reader would say them.
NAMES = {"str": "TEXT", "int": "N", "float": "NUMBER", "path": "PATH", "Path": "PATH", "bool": ""}


def metavar(param, ctx) -> str:
    """A metavar for a parameter that has none: an argument its name in capitals
    (singular when it takes several); an option its choices, PATH, N, NUMBER or TEXT; ""
    for a flag, which takes no value."""
    if isinstance(param, TyperArgument):  # the usage line adds the ... of one that takes several
        name = (param.name or "value").upper()
        return name[:-1] if name.endswith("S") and param.nargs != 1 else name
    if getattr(param, "is_flag", False) or getattr(param, "is_bool_flag", False):
        return ""
    label = param.display_type(ctx).strip("<>")
    if label.startswith("list[") and label.endswith("]"):
        label = label[5:-1]
    return NAMES.get(label, label)


def _readable(params: list, ctx) -> list:
    for param in params:
        if param.metavar is None:
            param.metavar = metavar(param, ctx)
        if isinstance(param, TyperArgument):
            # Its metavar already names it (PATH...); Typer would add the Python type beside it.
            param.display_type_rich = _no_type
    return params


def _no_type(ctx=None) -> None:
    return None


class Command(TyperCommand):
    """A command whose help shows readable metavars and whose choices take any case."""

    def get_params(self, ctx) -> list:
        return _readable(super().get_params(ctx), ctx)


class Group(TyperGroup):
    """The jdscan group: its global options may come after the subcommand too."""

    def get_params(self, ctx) -> list:
        return _readable(super().get_params(ctx), ctx)

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        return super().parse_args(ctx, globals_first(args))


def globals_first(args: list[str]) -> list[str]:
    """The arguments with the global options (and their values) moved to the front, up to
    a `--` that ends the options."""
    front, rest, i = [], [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg in GLOBAL and i + 1 < len(args):
            front += args[i:i + 2]
            i += 2
            continue
        if arg.startswith(tuple(g + "=" for g in GLOBAL)) or arg in GLOBAL_FLAGS:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest

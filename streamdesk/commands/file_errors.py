"""Import commands name the file they refuse: ``streamdesk products import a.csv`` run from a script over many files
must say which one failed. Most refusals already carry the path; the rest (no title column, an unknown layout, no
usable row) get the file's name after the sentence. Registering stays light: nothing heavy is imported here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamdesk.commands.common import CommandContext


def naming_the_file(command: Callable[[CommandContext], int]) -> Callable[[CommandContext], int]:
    """``command``, whose UserError gains "(File: NAME)" unless its sentence already names ``args.file``."""

    def run(ctx: CommandContext) -> int:
        from streamdesk.core.errors import UserError
        from streamdesk.messages import describe

        try:
            return command(ctx)
        except UserError as error:
            name = Path(ctx.args.file).name
            sentence = describe(error)
            if name in sentence:
                raise
            raise UserError("cli.file_refused", reason=sentence, file=name) from error

    return run

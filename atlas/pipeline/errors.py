"""The one error a build raises: it always names the file, the line and the rule."""


class BuildError(Exception):
    def __init__(self, file: str, rule: str, line: int | None = None):
        self.file, self.rule, self.line = file, rule, line
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {rule}")

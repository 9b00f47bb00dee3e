"""The one error a build raises: it always names the file, the line (or, in a workbook, the sheet and cell)
and the rule."""


class BuildError(Exception):
    def __init__(self, file: str, rule: str, line: int | None = None, *, sheet: str | None = None,
                 cell: str | None = None):
        self.file, self.rule, self.line, self.sheet, self.cell = file, rule, line, sheet, cell
        where = file
        if sheet is not None:
            where += f", sheet '{sheet}'"
        if cell is not None:
            where += f", cell {cell}"
        if line is not None:
            where += f", line {line}"
        super().__init__(f"{where}: {rule}")

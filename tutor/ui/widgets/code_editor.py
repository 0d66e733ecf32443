"""A Python editor for the terminal that sends little: it redraws only the rows a keystroke changes.

Textual's TextArea repaints every visible line when the cursor moves or the document changes
size; at 80x24 that is about 3 KB per keystroke, sent to the terminal (over SSH too). This
editor keeps the same behaviour with partial redraws, never blinks its cursor (a blinking
cursor is two redraws a second, forever), and auto-indents on Enter.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Selection


class CodeEditor(TextArea):
    """A code editor (``CodeEditor.code_editor(text, language="python")``) with partial redraws.

    A cursor move redraws the rows it leaves and enters (TextArea's ``selection`` repaints the
    whole widget); an edit redraws the rows it touched, the rows whose syntax colours changed,
    and everything below when lines were added or removed. Enter keeps the line's indentation
    and adds a level after a colon.
    """

    def on_mount(self) -> None:
        self.cursor_blink = False

    selection: Reactive[Selection] = reactive(Selection(), init=False, always_update=True, repaint=False)

    def _watch_selection(self, previous_selection: Selection, selection: Selection) -> None:
        bracket = self._matching_bracket_location
        super()._watch_selection(previous_selection, selection)
        rows = {*previous_selection, *selection}
        first, last = min(r for r, _ in rows), max(r for r, _ in rows)
        self.refresh_lines(first, last - first + 1)  # the rows of the old and new selection
        if bracket is not None:
            self.refresh_lines(bracket[0])  # clear the old bracket match

    def edit(self, edit: Edit) -> EditResult:
        lines_before = self.document.line_count
        colours_before = {row: tuple(spans) for row, spans in getattr(self, "_highlights", {}).items()}
        result = super().edit(edit)
        top = edit.top[0]
        lines_after = self.document.line_count
        if lines_after != lines_before:
            self.refresh_lines(top, max(lines_after, lines_before) - top)
            return result
        bottom = max(edit.bottom[0], result.end_location[0])
        self.refresh_lines(top, bottom - top + 1)
        colours_after = getattr(self, "_highlights", None)
        if colours_after is None:
            self.refresh()  # a Textual without the highlight map: redraw everything to be safe
            return result
        for row in set(colours_before) | set(colours_after):
            if colours_before.get(row, ()) != tuple(colours_after.get(row, ())):
                self.refresh_lines(row)  # e.g. an opened string colours the rows below it
        return result

    def _refresh_size(self) -> None:
        # TextArea sets its scrollable size to the document's exact size, so a new line (or a
        # line longer than all others) changes it, and that repaints the whole editor. While
        # the document fits in the view, the scrollable size is the view's, and stays put.
        if self.soft_wrap:
            width, height = 0, self.wrapped_document.height
        else:
            width, height = self.document.get_size(self.indent_width)
            width += self.gutter_width + 1
        view = self.scrollable_content_region.size
        width = view.width if 0 < width <= view.width else width
        height = view.height if height <= view.height else height
        self.virtual_size = Size(width, height)
        self._refresh_scrollbars()

    async def _on_key(self, event) -> None:
        if event.key == "enter" and not self.read_only:
            row, column = self.cursor_location
            line = self.document.get_line(row)
            indent = line[:min(column, len(line) - len(line.lstrip()))]
            if line[:column].rstrip().endswith(":"):
                indent += " " * self.indent_width
            event.stop()
            event.prevent_default()
            start, end = self.selection
            self.replace("\n" + indent, start, end, maintain_selection_offset=False)
            return
        await super()._on_key(event)

"""YAML to plain Python data, keeping the line and column of every value.

PyYAML's composer gives nodes with marks; we construct plain dicts/lists ourselves
so every path (``("questions", 3, "id")``) maps back to a ``line:col`` for errors.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

# Alias expansion is bounded so a "billion laughs" document fails fast and cleanly.
MAX_NODES = 200_000
MAX_BYTES = 5_000_000
# libyaml's parser is several times faster; marks (line/col) are the same.
_STR_TAG = "tag:yaml.org,2002:str"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    def __init__(self, line: int, col: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message
        self.hint = hint


@dataclass
class SourceDoc:
    """Parsed data plus a map from each value's path to its 1-based (line, col)."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


class _Builder:
    def __init__(self, doc: SourceDoc) -> None:
        self.doc = doc
        self.count = 0
        self.loader = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblem(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                "document expands to too many values",
                "remove deeply nested aliases",
            )
        self.doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlProblem(
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        "mapping keys must be plain text",
                        "use a simple word as the key",
                    )
                # Keys are always text: YAML 1.1 would read `no:` and `yes:` as booleans.
                key = str(key_node.value)
                if key == "<<":
                    raise YamlProblem(
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        "merge keys (<<) are not supported",
                        "write the keys out in full",
                    )
                if key in result:
                    raise YamlProblem(
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        f"duplicate key '{key}'",
                        "remove one of the two",
                    )
                child = (*path, key)
                result[key] = self.build(value_node, child)
                # Point errors about a key at the key itself, not its value.
                self.doc.marks[(*child, "__key__")] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag == _STR_TAG:  # the common case, without the constructor's overhead
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise YamlProblem(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                f"unreadable value: {str(exc).splitlines()[0]}",
                "quote the value",
            ) from None


def parse_text(text: str, file: str) -> SourceDoc:
    doc = SourceDoc(file=file, data=None)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(line, col, f"YAML syntax error: {reason}", _syntax_hint(reason)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"YAML error: {exc}", "check the file is valid YAML") from None
    if node is None:
        doc.marks[()] = (1, 1)
        return doc
    doc.data = _Builder(doc).build(node, ())
    return doc


def _syntax_hint(reason: str) -> str:
    if "\\t" in reason or "\t" in reason or "tab" in reason:
        return "indent with spaces, not tabs"
    if "mapping values" in reason:
        return "quote text that contains ': '"
    if "alias" in reason:
        return "define the anchor (&name) before using it"
    return "check indentation and quoting around this line"


def read_text(path: Path) -> str:
    """Read a content file as UTF-8, reporting problems as YamlProblem.

    Only regular files are read: a FIFO, a device such as ``/dev/zero`` or a socket is
    refused at once (opening does not wait for a writer), and the size cap is checked
    on what is read, not on the size the file system reports (0 for devices).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise YamlProblem(1, 1, "is a directory", "name a .yaml file") from None
    except OSError as exc:
        raise YamlProblem(1, 1, f"cannot read: {exc.strerror}", "check the path") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise YamlProblem(1, 1, "is a directory", "name a .yaml file")
        if not stat.S_ISREG(mode):
            raise YamlProblem(1, 1, f"not a regular file ({_kind(mode)})", "name a .yaml file")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:
            raise YamlProblem(
                1, 1, f"file is too large (over {MAX_BYTES} bytes)", "split it into files"
            )
        return b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(1, 1, f"not UTF-8 text ({exc.reason})", "save as UTF-8") from None
    except IsADirectoryError:
        raise YamlProblem(1, 1, "is a directory", "name a .yaml file") from None
    except OSError as exc:
        raise YamlProblem(1, 1, f"cannot read: {exc.strerror}", "check the path") from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"

"""Source files and pasted text: size limit, binary detection and decoding (UTF-8, UTF-8 with BOM, cp1252)."""

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .document import ImportFailed

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
# C0 control characters other than those a text file may contain (tab, line feed, vertical tab, form feed,
# carriage return): NUL above all means binary data.
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")
MAX_CONTROL_RATIO = 0.01


@dataclass
class Source:
    name: str
    text: str
    warnings: list[str] = field(default_factory=list)


def max_bytes():
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def check_size(size):
    limit = max_bytes()
    if size > limit:
        raise ImportFailed(f"the file is {size:,} bytes, over the limit of {limit:,} bytes (setting IMPORT_MAX_BYTES)")


def line_at(data, offset):
    return data.count(b"\n", 0, offset) + 1


def decode(data):
    """Bytes -> (text, warnings). Raises ImportFailed for empty, binary or undecodable input."""
    check_size(len(data))
    if not data.strip():
        raise ImportFailed("the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, warnings = decode_utf16(data)
    else:
        text, warnings = decode_8bit(data)
    return without_controls(text), warnings


def decode_utf16(data):
    """A file that starts with a UTF-16 byte order mark."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            f"the file starts with a UTF-16 byte order mark but is not UTF-16 ({error.reason})"
        ) from error
    return text, ["the file is UTF-16 (byte order mark); read as UTF-16"]


def decode_8bit(data):
    """UTF-8 (with or without a byte order mark), else Windows-1252 with a warning; never NUL bytes."""
    nul = data.find(b"\0")
    if nul != -1:
        raise ImportFailed("this is a binary file, not text (it contains NUL bytes)", line=line_at(data, nul))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        return decode_cp1252(data, error)


def decode_cp1252(data, utf8_error):
    """Text that is not UTF-8: Windows-1252 (what Word and older editors save), with a warning naming the line."""
    line = line_at(data, utf8_error.start)
    byte = data[utf8_error.start]
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            f"undecodable byte 0x{data[error.start]:02x}: the file is neither UTF-8 nor Windows-1252 text",
            line=line_at(data, error.start),
        ) from error
    warning = (
        f"line {line}: not UTF-8 (byte 0x{byte:02x}); read as Windows-1252 (cp1252): "
        "check accented letters and quotes, and save the file as UTF-8"
    )
    return text, [warning]


def without_controls(text):
    """The text without stray control characters (a form feed, a bell); too many of them mean binary data."""
    controls = len(CONTROLS.findall(text))
    if controls and controls > MAX_CONTROL_RATIO * len(text):
        raise ImportFailed("this looks like a binary file, not text (too many control characters)")
    if not text.strip():
        raise ImportFailed("the file is empty")
    return CONTROLS.sub("", text) if controls else text


def read_path(path):
    """A file on disk -> Source. Raises ImportFailed for a missing path, a directory or a bad file."""
    path = Path(path)
    if not path.exists():
        raise ImportFailed("no such file")
    if path.is_dir():
        raise ImportFailed("this is a directory, not a file: name the files inside it")
    if not path.is_file():
        raise ImportFailed("this is not a regular file")
    check_size(path.stat().st_size)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailed(f"cannot read the file: {error.strerror}") from error
    text, warnings = decode(data)
    return Source(name=path.name, text=text, warnings=warnings)


def read_upload(uploaded):
    """A Django UploadedFile -> Source, with the same checks as a file on disk."""
    check_size(uploaded.size)
    data = b"".join(uploaded.chunks())
    text, warnings = decode(data)
    return Source(name=uploaded.name, text=text, warnings=warnings)


def read_pasted(text):
    """Text pasted into the admin form -> Source (no file name: the title names the page)."""
    check_size(len(text.encode("utf-8")))
    if not text.strip():
        raise ImportFailed("the text is empty")
    if "\0" in text:
        raise ImportFailed("the text contains NUL characters: paste text, not binary data")
    return Source(name="<pasted>", text=text)

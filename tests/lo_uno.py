"""Edit .docx files with LibreOffice Writer itself, through UNO, as an editor would.

Run by Debian's /usr/bin/python3 (python3-uno works with it, not with other Pythons), as a
subprocess of the tests:

    /usr/bin/python3 tests/lo_uno.py JOBS.json

JOBS.json: {"port": 2002 or "profile": "/tmp/…", "jobs": [{"input": …, "output": …,
"author": …, "actions": [[name, *args], …]}, …]}. It connects to the soffice listening on
127.0.0.1 at that port (the tests start one per session, `soffice_command`), or starts one
with that private profile; opens each document with a (headless) view, applies the actions
through the dispatcher as a user's keystrokes would (changes recorded after "record"), saves
as « MS Word 2007 XML » and writes what Writer itself sees (paragraphs and their styles,
tracked changes, comments and their anchors) as JSON.

Only this file imports uno: the tests import `soffice_command` from it.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from typing import Any


def soffice_command(profile: str, port: int) -> list[str]:
    """Return the command starting soffice headless, listening on 127.0.0.1 at `port`."""
    return [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        f"--accept=socket,host=127.0.0.1,port={port};urp;",
    ]


def _props(**values: Any) -> tuple[Any, ...]:
    from com.sun.star.beans import PropertyValue

    result = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        result.append(prop)
    return tuple(result)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(profile: str) -> tuple[subprocess.Popen[bytes], Any]:
    """Start soffice listening on a free local port; return it and its context."""
    port = _free_port()
    office = subprocess.Popen(
        soffice_command(profile, port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return office, connect(port, office)


def connect(port: int, office: subprocess.Popen[bytes] | None = None) -> Any:
    """Return the component context of the soffice listening at `port` (waiting for it)."""
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    for _ in range(600):
        try:
            return resolver.resolve(url)
        except Exception:
            if office is not None and office.poll() is not None:
                raise RuntimeError("soffice stopped at start") from None
            time.sleep(0.1)
    raise RuntimeError("soffice did not answer")


def _set_author(context: Any, author: str) -> None:
    """Set the user's name, which Writer signs tracked changes and comments with."""
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        _props(nodepath="/org.openoffice.UserProfile/Data"),
    )
    first, _, last = author.partition(" ")
    access.setPropertyValue("givenname", first)
    access.setPropertyValue("sn", last)
    access.commitChanges()


class _Editor:
    """One open document with its view: the actions a user takes on it."""

    def __init__(self, context: Any, desktop: Any, path: str) -> None:
        import uno

        self.context = context
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        self.doc = desktop.loadComponentFromURL(url, "_blank", 0, _props(Hidden=False))
        self.controller = self.doc.getCurrentController()
        self.frame = self.controller.getFrame()
        self.dispatcher = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", context
        )

    def do(self, command: str, **args: Any) -> None:
        self.dispatcher.executeDispatch(self.frame, f".uno:{command}", "", 0, _props(**args))

    def search(self, text: str) -> Any:
        search = self.doc.createSearchDescriptor()
        search.SearchString = text
        return self.doc.findFirst(search)

    def find(self, text: str) -> Any:
        found = self.search(text)
        if found is None:
            raise LookupError(f"not in the document: {text!r}")
        return found

    def paragraph(self, text: str) -> Any:
        """Return a text range over the whole paragraph holding `text`, its mark included."""
        found = self.find(text)
        cursor = found.getText().createTextCursorByRange(found.getStart())
        cursor.gotoStartOfParagraph(False)
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)  # the paragraph mark
        return cursor

    # -- the actions ------------------------------------------------------------------

    def record(self, on: str = "on") -> None:
        self.doc.setPropertyValue("RecordChanges", on == "on")

    def type_over(self, old: str, new: str) -> None:
        """Select `old` and type `new` over it."""
        self.controller.select(self.find(old))
        self.do("InsertText", Text=new)
        self.until(lambda: self.search(new) is not None, "typed text")

    def delete_paragraph(self, text: str) -> None:
        """Select the paragraph holding `text`, its mark too, and press Delete."""
        self.controller.select(self.paragraph(text))
        self.tracked("Delete")

    def delete_text(self, text: str) -> None:
        """Select `text` and press Delete."""
        self.controller.select(self.find(text))
        self.tracked("Delete")

    def comment(self, text: str, note: str) -> None:
        """Comment on `text` (a range: the comment is anchored on these words)."""
        field = self.doc.createInstance("com.sun.star.text.textfield.Annotation")
        field.Author, field.Content = "Rédactrice B", note
        found = self.find(text)
        found.getText().insertTextContent(found, field, True)

    def move_paragraph(self, text: str, before: str) -> None:
        """Cut the paragraph holding `text` and paste it before the one holding `before`."""
        self.controller.select(self.paragraph(text))
        self.tracked("Cut")
        target = self.find(before)
        cursor = target.getText().createTextCursorByRange(target.getStart())
        cursor.gotoStartOfParagraph(False)
        self.controller.select(cursor)
        self.tracked("Paste")

    def accept_all(self) -> None:
        self.do("AcceptAllTrackedChanges")
        self.until(lambda: self.redlines() == 0, "no tracked change left")

    def accept_each(self) -> None:
        """Accept the tracked changes one by one, in document order, as an editor going
        through them with « Accept » does."""
        self._each("AcceptTrackedChange")

    def reject_each(self) -> None:
        """Reject the tracked changes one by one, in document order."""
        self._each("RejectTrackedChange")

    def _each(self, command: str) -> None:
        cursor = self.doc.getText().createTextCursor()
        cursor.gotoStart(False)
        self.controller.select(cursor)
        for _ in range(500):
            left = self.redlines()
            if not left:
                return
            self.do("NextTrackedChange")
            self.do(command)
            self.until(lambda left=left: self.redlines() < left, f"{command} done")
        raise RuntimeError(f"{command}: changes left after 500")

    def reject_all(self) -> None:
        self.do("RejectAllTrackedChanges")
        self.until(lambda: self.redlines() == 0, "no tracked change left")

    # -- waiting for what a command did (a dispatch may return before it is done) ------

    def tracked(self, command: str) -> None:
        """Run a command that records a change; return once it is recorded."""
        before = self.redlines()
        self.do(command)
        self.until(lambda: self.redlines() > before, f"the change of {command} recorded")

    def redlines(self) -> int:
        count, enum = 0, self.doc.getRedlines().createEnumeration()
        while enum.hasMoreElements():
            enum.nextElement()
            count += 1
        return count

    @staticmethod
    def until(done: Any, what: str) -> None:
        for _ in range(1200):  # a minute: a loaded machine makes LibreOffice slow to show it
            if done():
                return
            time.sleep(0.05)
        raise RuntimeError(f"LibreOffice never showed {what}")

    # -- what Writer sees ------------------------------------------------------------

    def dump(self) -> dict[str, Any]:
        paragraphs = []
        enum = self.doc.getText().createEnumeration()
        while enum.hasMoreElements():
            element = enum.nextElement()
            if element.supportsService("com.sun.star.text.Paragraph"):
                paragraphs.append([element.getString(), element.ParaStyleName])
        redlines = []
        enum = self.doc.getRedlines().createEnumeration()
        while enum.hasMoreElements():
            redline = enum.nextElement()
            redlines.append([redline.RedlineAuthor, redline.RedlineType])
        notes = []
        enum = self.doc.getTextFields().createEnumeration()
        while enum.hasMoreElements():
            field = enum.nextElement()
            if field.supportsService("com.sun.star.text.textfield.Annotation"):
                notes.append([field.Author, field.Content, field.getAnchor().getString()])
        return {
            "paragraphs": paragraphs,
            "redlines": redlines,
            "comments": notes,
            "footnotes": self.footnotes(),
        }

    def footnotes(self) -> list[list[str]]:
        """Return, for each footnote, its paragraph's text up to its mark, and its text."""
        found = []
        footnotes = self.doc.getFootnotes()
        for index in range(footnotes.getCount()):
            note = footnotes.getByIndex(index)
            anchor = note.getAnchor()
            cursor = anchor.getText().createTextCursorByRange(anchor.getStart())
            cursor.gotoStartOfParagraph(True)
            found.append([cursor.getString(), note.getString()])
        return found

    def save(self, path: str) -> None:
        import uno

        url = uno.systemPathToFileUrl(os.path.abspath(path))
        self.doc.storeToURL(url, _props(FilterName="MS Word 2007 XML"))

    def close(self) -> None:
        self.doc.close(True)


def run(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Run the jobs; return what Writer saw of each document after its actions."""
    if "port" in spec:
        return _jobs(connect(spec["port"]), spec["jobs"])
    office, context = _start(spec["profile"])
    try:
        results = _jobs(context, spec["jobs"])
        with contextlib.suppress(Exception):  # the bridge goes down with the office
            _desktop(context).terminate()
        return results
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()


def _desktop(context: Any) -> Any:
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _jobs(context: Any, jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    results = []
    for job in jobs:
        _set_author(context, job.get("author", "Rédactrice B"))
        editor = _Editor(context, _desktop(context), job["input"])
        for name, *args in job.get("actions", []):
            getattr(editor, name)(*args)
        if job.get("output"):
            editor.save(job["output"])
        results.append(editor.dump())
        editor.close()
    return results


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        spec = json.load(file)
    json.dump(run(spec), sys.stdout, ensure_ascii=False)

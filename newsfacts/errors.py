"""The exceptions newsfacts raises for bad input; the CLI turns each into one line."""


class NewsfactsError(Exception):
    """Base of every error a user can cause; its message is one line naming the input."""


class ArticleNotFound(NewsfactsError):
    """An input path or folder that does not exist."""


class EmptyArticle(NewsfactsError):
    """An input with no article text in it."""


class BinaryArticle(NewsfactsError):
    """An input that is not text (an image, an archive, a database)."""


class UndecodableArticle(NewsfactsError):
    """Text in an encoding we cannot read."""


class ArticleTooLarge(NewsfactsError):
    """An input over the size cap."""


class BadInput(NewsfactsError):
    """An input of a known kind that is malformed (a bad JSONL line, a broken feed)."""


class FetchFailed(NewsfactsError):
    """A URL that could not be fetched, or did not return an article."""


class NotAnArticle(NewsfactsError):
    """A fetched URL whose content is no article (a PDF, an image, a video)."""


class BadStore(NewsfactsError):
    """A --db file that is not a SQLite database newsfacts can open."""


class ModelNotFound(NewsfactsError):
    """No spaCy model of the name asked for is installed."""


class BadConfig(NewsfactsError):
    """A component setting with a value it cannot take."""


class NotAFile(NewsfactsError):
    """An input that is a device, a FIFO, a socket or a folder where a file was expected."""


class UnreadableInput(NewsfactsError):
    """An input file or folder the operating system refuses to read (permissions, I/O)."""


class StoreFull(NewsfactsError):
    """A store that cannot grow: the disk (or the database's size limit) is full."""


class BadReportPath(NewsfactsError):
    """A --report file that would overwrite the store or an input."""


class BadOverrides(NewsfactsError):
    """A companies file (merges, splits, renames) that cannot be read."""


class CompanyNotFound(NewsfactsError):
    """A company name in a merge, split or rename that no claim's party goes by."""


class WorkerDied(NewsfactsError):
    """An extraction worker process that died, twice, on the same articles."""


class Interrupted(NewsfactsError):
    """An ingest stopped by Ctrl-C; ``summary`` says what was stored (whole batches)."""

    def __init__(self, summary):
        super().__init__(f"interrupted; stored so far: {summary.line()}")
        self.summary = summary

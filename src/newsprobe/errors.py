"""Every error newsprobe reports, coded, in one place (as spaCy keeps its E### messages)."""
from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    """Error codes: NP1xx input, NP2xx network, NP3xx configuration and models, NP4xx output/store,
    NP5xx techniques, NP6xx claims, NP7xx time and events, NP8xx annotations, NP9xx the HTTP API,
    NP10xx batch runs (scale/), NP11xx stories and fact-checks (stories/, factchecks/, embeddings.py)."""

    NOT_FOUND = "NP101"
    EMPTY = "NP102"
    BINARY = "NP103"
    ENCODING = "NP104"
    NO_ARTICLE_TEXT = "NP105"
    BAD_JSONL = "NP106"
    BAD_DATE = "NP107"
    UNSUPPORTED_INPUT = "NP108"
    TOO_LONG = "NP109"
    BAD_JSONL_FIELD = "NP110"
    JSONL_TOO_DEEP = "NP111"
    READ_FAILED = "NP112"
    URL_SCHEME = "NP201"
    URL_ADDRESS = "NP202"
    URL_FAILED = "NP203"
    URL_TOO_LARGE = "NP204"
    URL_TIMEOUT = "NP205"
    URL_REDIRECTS = "NP206"
    MODEL_MISSING = "NP301"
    BAD_CONFIG = "NP302"
    DATA_MISSING = "NP303"
    BAD_LIMIT = "NP304"
    ATTRIBUTION_MODEL_MISSING = "NP306"
    CONFIG_SECTION = "NP307"
    CONFIG_KEY = "NP308"
    CONFIG_TYPE = "NP309"
    CONFIG_RANGE = "NP310"
    RULES_UNREADABLE = "NP320"
    RULES_INVALID = "NP321"
    COMPONENT_RULES_UNREADABLE = "NP322"
    COMPONENT_RULES_SHAPE = "NP323"
    COMPONENT_RULES_BUILD = "NP324"
    DB_URL = "NP401"
    DB_CONNECT = "NP402"
    DB_WRITE = "NP403"
    DB_SCHEMA = "NP404"
    BAD_QUERY = "NP405"
    EXPORT = "NP406"
    NOT_STORED = "NP407"
    ANALYSIS_FAILED = "NP408"
    DB_REFUSED_ARTICLE = "NP409"
    BAD_FEED = "NP411"
    BAD_WARC = "NP412"
    STORE_DAMAGED = "NP415"
    STORE_READ_ONLY_OLD = "NP416"
    NO_TOKEN = "NP417"
    CLAIMS_MODEL_MISSING = "NP601"
    CLAIMS_MODEL_STALE = "NP602"
    CLAIMS_BAD_DATA = "NP603"
    CLAIMS_BAD_DEBATES = "NP604"
    CLAIMS_LINE_TOO_LONG = "NP605"
    BAD_ANNOTATION = "NP801"
    NO_TEXT_FOR_ANN = "NP802"
    BAD_MEANTIME = "NP803"
    BAD_GUM = "NP810"
    BAD_TIMEML = "NP701"
    NO_GOLD_TIMEX = "NP702"
    BAD_CAMEO = "NP703"
    BAD_TIME_RULES = "NP704"
    CAMEO_SPLIT_STALE = "NP710"
    NOT_IN_SPLIT = "NP705"
    IMPLAUSIBLE_DATE = "NP708"
    UNAUTHORIZED = "NP901"
    FORBIDDEN = "NP902"
    BODY_TOO_LARGE = "NP903"
    BAD_REQUEST = "NP904"
    BAD_CURSOR = "NP905"
    NO_ROUTE = "NP906"
    CANNOT_LISTEN = "NP907"
    TEXT_TOO_LONG = "NP908"
    BAD_UNICODE = "NP909"
    DATE_OUT_OF_RANGE = "NP910"
    BAD_URL = "NP911"
    BUSY = "NP912"
    ANALYSIS_TIMEOUT = "NP913"
    WORKER_FAILED = "NP914"
    TECH_BAD_LABELS = "NP501"
    TECH_BAD_SPANS = "NP502"
    TECH_MODEL_MISSING = "NP503"
    TECH_UNKNOWN_ARTICLE = "NP504"
    TECH_TRAIN_DEPS = "NP505"
    TECH_SPAN_OUTSIDE = "NP506"
    TECH_SPAN_OVERLAP = "NP507"
    TECH_SPAN_EMPTY = "NP508"
    TECH_BAD_SPLIT = "NP509"
    TECH_HEAD_NO_TRUNK = "NP510"
    BATCH_MISMATCH = "NP1001"
    BATCH_OUT = "NP1002"
    SHARD_UNREADABLE = "NP1003"
    WORKER_DIED = "NP1004"
    RAY_MISSING = "NP1005"
    RAY_CONNECT = "NP1006"
    NOT_A_BATCH = "NP1007"
    BAD_SHARD = "NP1008"
    EMBEDDINGS_MISSING = "NP1101"
    STORY_BAD_LINE = "NP1102"
    STORIES_BAD_DATA = "NP1103"
    FACTCHECK_BAD_LINE = "NP1104"
    FACTCHECK_DUPLICATE = "NP1105"
    FACTCHECK_ENCODING = "NP1106"
    QUERY_BAD_LINE = "NP1107"
    BAD_QRELS = "NP1108"
    NO_FACTCHECKS = "NP1109"
    FACTCHECK_BAD_JSON_LD = "NP830"
    STORY_NOT_FOUND = "NP831"
    FACTCHECK_NOT_FOUND = "NP832"
    CLAIM_NOT_FOUND = "NP833"
    INTERNAL = "NP999"


# What went wrong and what to do about it; `{detail}` is filled in by the raiser.
MESSAGES: dict[Code, tuple[str, str]] = {
    Code.NOT_FOUND: ("no such file or folder", "check the path"),
    Code.EMPTY: ("the input is empty", "pass a file that contains article text"),
    Code.BINARY: ("the input looks binary, not text ({detail})", "pass a .txt, .html or .jsonl file"),
    Code.ENCODING: ("the text encoding could not be recognised ({detail})", "convert the file to UTF-8"),
    Code.NO_ARTICLE_TEXT: ("no article text found in the HTML page", "pass the article's own page, or its text"),
    Code.BAD_JSONL: ("line {detail} is not a JSON object with 'text' or 'html'", "fix or remove that line"),
    Code.BAD_DATE: ("'{detail}' is not a date", "use YYYY-MM-DD"),
    Code.UNSUPPORTED_INPUT: ("unsupported input ({detail})", "pass .txt, .html, .jsonl, a URL or -"),
    Code.TOO_LONG: ("the text is {detail}", "split the article, or raise [limits] max_chars in a --config file"),
    Code.BAD_JSONL_FIELD: ("line {detail}", "fix or remove that line"),
    Code.JSONL_TOO_DEEP: ("line {detail} is nested too deeply to be an article record", "fix or remove that line"),
    Code.READ_FAILED: ("this input could not be read ({detail})",
                       "report it with the input; the other inputs were read"),
    Code.URL_SCHEME: ("only http and https URLs are fetched ({detail})", "use an http(s) URL"),
    Code.URL_ADDRESS: ("refused to fetch a non-public address ({detail})", "fetch a public web address"),
    Code.URL_FAILED: ("the URL could not be fetched ({detail})", "check the address, or save the page and pass the file"),
    Code.URL_TOO_LARGE: ("the response is larger than {detail} bytes", "save the page and pass the file"),
    Code.URL_TIMEOUT: ("the server did not answer in time ({detail})", "try again later"),
    Code.URL_REDIRECTS: ("too many redirects ({detail})", "pass the final address"),
    Code.MODEL_MISSING: ("the spaCy model '{detail}' is not installed", "run `make install`"),
    Code.BAD_CONFIG: ("bad configuration: {detail}", "fix the setting"),
    Code.DATA_MISSING: ("data not found: {detail}", "check the path to ../shared/data"),
    Code.BAD_LIMIT: ("bad limit: {detail}", "set [limits] max_chars to a whole number of at least 1000"),
    Code.CONFIG_SECTION: ("unknown configuration section {detail}", "fix or remove it; default.toml lists every setting"),
    Code.CONFIG_KEY: ("unknown setting {detail}", "fix or remove it; default.toml lists every setting"),
    Code.CONFIG_TYPE: ("wrong type of setting: {detail}", "write the value as default.toml does"),
    Code.CONFIG_RANGE: ("setting out of range: {detail}", "choose a value in range (default.toml gives the default)"),
    Code.ATTRIBUTION_MODEL_MISSING: ("the attributions head could not be read ({detail})",
                                     "run `python -m newsprobe.train.attributions` or use the rules"),
    Code.RULES_UNREADABLE: ("the rules file could not be read ({detail})",
                            "pass a readable TOML file shaped like newsprobe/rules/attributions.toml"),
    Code.RULES_INVALID: ("the rules file does not fit the rules ({detail})",
                         "keep to the tables, keys and value types of newsprobe/rules/attributions.toml"),
    Code.COMPONENT_RULES_UNREADABLE: ("a component's rules file could not be read ({detail})",
                                      "set the component's `rules` to a readable TOML file shaped like its "
                                      "packaged rules (newsprobe/rules/*.toml)"),
    Code.COMPONENT_RULES_SHAPE: ("a component's rules file does not fit its rules ({detail})",
                                 "keep to the tables, keys and value types of the component's packaged "
                                 "rules (newsprobe/rules/*.toml)"),
    Code.COMPONENT_RULES_BUILD: ("a component's rules could not be built ({detail})",
                                 "check the values the file sets (a regex must compile; see the packaged "
                                 "rules in newsprobe/rules/*.toml)"),
    Code.DB_URL: ("unsupported database URL ({detail})",
                  "use sqlite:///path/to/file.db or postgresql+psycopg://user:password@host/db"),
    Code.DB_CONNECT: ("the database could not be opened ({detail})",
                      "check the --db URL, that the server runs and that the path is writable"),
    Code.DB_WRITE: ("the database refused a write ({detail})",
                    "free disk space or fix permissions and run again; stored articles are kept"),
    Code.DB_SCHEMA: ("the database schema could not be brought up to date ({detail})",
                     "use the newsprobe version that made this database, or a new --db"),
    Code.BAD_QUERY: ("bad search: {detail}", "check the query and filters"),
    Code.EXPORT: ("export failed: {detail}", "check the format and the output path"),
    Code.NOT_STORED: ("no stored article with id {detail}", "run `newsprobe search` to find ids"),
    Code.ANALYSIS_FAILED: ("the pipeline failed on this article ({detail})",
                           "report it with the input; the other articles were analysed"),
    Code.DB_REFUSED_ARTICLE: ("the database refused this article's values ({detail})",
                              "report it with the input; the other articles are stored"),
    Code.BAD_FEED: ("not an RSS or Atom feed ({detail})", "pass a feed's XML, or its items' pages"),
    Code.BAD_WARC: ("unreadable WARC archive ({detail})", "check the file; records before this point were read"),
    Code.STORE_DAMAGED: ("the store is damaged ({detail})",
                         "restore it from a backup, or salvage what is readable with "
                         "`sqlite3 DAMAGED.db .recover | sqlite3 NEW.db` and use NEW.db"),
    Code.STORE_READ_ONLY_OLD: ("the read-only store has an older schema ({detail})",
                               "open it once with write access (e.g. `newsprobe ingest --db ...`) to upgrade it"),
    Code.NO_TOKEN: ("no API token number {detail}", "run `newsprobe token list` to see the numbers"),
    Code.CLAIMS_MODEL_MISSING: ("the check-worthiness model could not be read ({detail})",
                                "run `newsprobe train claims` to rebuild it"),
    Code.CLAIMS_MODEL_STALE: ("the check-worthiness model was trained with other feature lexicons ({detail})",
                              "run `newsprobe train claims` after editing rules/claims.toml [features]"),
    Code.CLAIMS_BAD_DATA: ("not ClaimBuster data: {detail}",
                           "pass the claimbuster-2class folder (train.json, test.json)"),
    Code.CLAIMS_BAD_DEBATES: ("not CheckThat! check-worthiness data: {detail}",
                              "pass the clef2019-checkthat-t1-train folder (train.csv: line_number, "
                              "speaker, text, label, file_name)"),
    Code.CLAIMS_LINE_TOO_LONG: ("{detail}", "split the text into sentences, one per line"),
    Code.BAD_ANNOTATION: ("bad brat annotation line ({detail})", "fix the .ann file: 'T1\\tLabel START END[;START END]\\ttext'"),
    Code.NO_TEXT_FOR_ANN: ("no text for annotation file {detail}", "put NAME.txt beside it or name its text in index.tsv"),
    Code.BAD_MEANTIME: ("not a MEANTIME CAT XML file ({detail})", "pass the meantime-english folder or one of its .xml files"),
    Code.BAD_GUM: ("not GUM entity data ({detail})", "pass ../shared/data/gum-entities/dev or another folder of WebAnno TSV 3.2 files"),
    Code.BAD_TIMEML: ("not a readable TimeML or CAT file ({detail})", "pass TimeML .tml or NewsReader CAT .xml files"),
    Code.NO_GOLD_TIMEX: ("no gold TIMEX3 mentions in the text of {detail}", "pass files annotated with in-text TIMEX3"),
    Code.BAD_CAMEO: ("not readable CAMEO validation records ({detail})", "pass the UniversalPetrarch validation XML"),
    Code.BAD_TIME_RULES: ("bad time rules: {detail}", "fix src/newsprobe/rules/timex.toml"),
    Code.CAMEO_SPLIT_STALE: ("the CAMEO family split does not list {detail}",
                             "rebuild it: python -m newsprobe.evaluate.events FOLDER (then commit splits/cameo.json)"),
    Code.NOT_IN_SPLIT: ("no document of the folder is in the split: {detail}",
                        "pass a corpus listed in src/newsprobe/evaluate/splits (MEANTIME, TBAQ) or use --split all"),
    Code.IMPLAUSIBLE_DATE: ("{detail} is not a plausible publication date (before 1900 or after tomorrow)",
                            "pass the article's real publication date, or leave --published out"),
    Code.UNAUTHORIZED: ("this request needs an API token ({detail})",
                        "create one with `newsprobe token create` and send it as 'Authorization: Bearer <token>'"),
    Code.FORBIDDEN: ("the API token is not valid ({detail})", "check the token, or create a new one"),
    Code.BODY_TOO_LARGE: ("the request body is larger than {detail} bytes", "send a smaller article"),
    Code.BAD_REQUEST: ("bad request: {detail}", "see /openapi.json for the expected fields"),
    Code.BAD_CURSOR: ("the cursor '{detail}' is not one this server gave", "start again without a cursor"),
    Code.NO_ROUTE: ("no such endpoint ({detail})", "see /openapi.json for the endpoints"),
    Code.CANNOT_LISTEN: ("cannot listen on {detail}", "choose another --port, or stop what uses it"),
    Code.TEXT_TOO_LONG: ("the article text is too long ({detail})",
                         "send a shorter article, or raise api_max_text_chars in the server's config"),
    Code.BAD_UNICODE: ("the request holds text that is not valid Unicode ({detail})",
                       "send UTF-8 text without lone surrogates"),
    Code.DATE_OUT_OF_RANGE: ("the date '{detail}' is out of range", "use a date from 1900-01-01 to tomorrow"),
    Code.BAD_URL: ("not a valid web address ({detail})", "send a full http(s) URL such as https://example.org/a"),
    Code.BUSY: ("the server is busy: {detail}", "retry after the number of seconds in the Retry-After header"),
    Code.ANALYSIS_TIMEOUT: ("the analysis took longer than {detail}",
                            "send a shorter article, or raise api_analysis_timeout_s in the server's config"),
    Code.WORKER_FAILED: ("the analysis worker could not run ({detail})", "see the server's log; retry later"),
    Code.TECH_BAD_LABELS: ("bad technique label file: {detail}",
                           "use id<TAB>technique<TAB>start<TAB>end with a known technique"),
    Code.TECH_BAD_SPANS: ("bad spans file: {detail}", "use id<TAB>?<TAB>start<TAB>end, 0 <= start < end"),
    Code.TECH_MODEL_MISSING: ("the techniques model is missing ({detail})", "run `newsprobe train techniques`"),
    Code.TECH_TRAIN_DEPS: ("training the techniques model needs {detail}",
                           "install the train extra: .venv/bin/pip install -e '.[train]'"),
    Code.TECH_UNKNOWN_ARTICLE: ("no article{detail}.txt in the articles folder",
                                "check the ids in the spans file"),
    Code.TECH_SPAN_OUTSIDE: ("span outside the article text: {detail}",
                             "give 0 <= start < end <= the article's length in characters"),
    Code.TECH_SPAN_OVERLAP: ("span overlaps an earlier span of the same article: {detail}",
                             "list each stretch of text once; spans of one article must not overlap"),
    Code.TECH_SPAN_EMPTY: ("empty span: {detail}", "give a span with start < end that covers some text"),
    Code.TECH_BAD_SPLIT: ("bad split: {detail}",
                          "use --split dev, test, train (the committed lists of the PTC train folder) or all"),
    Code.TECH_HEAD_NO_TRUNK: ("no span encoder to train a head on: {detail}",
                              "run `newsprobe train techniques` without --head-only, or pass --out with a trained model"),
    Code.BATCH_MISMATCH: ("the output folder holds a run of another version or configuration ({detail})",
                          "pass a new --out folder, or rerun with the version and config of that run"),
    Code.BATCH_OUT: ("cannot use the output folder ({detail})", "pass a writable folder to --out"),
    Code.SHARD_UNREADABLE: ("the shard could not be read ({detail})", "check the file; a rerun retries it"),
    Code.WORKER_DIED: ("a worker process died ({detail})",
                       "rerun to retry; if a shard keeps killing its worker, split or remove that input"),
    Code.RAY_MISSING: ("Ray Data is not installed ({detail})", "pip install 'ray[data]==2.60.0', or use --engine local"),
    Code.RAY_CONNECT: ("could not start or reach the Ray cluster ({detail})",
                       "check --address (ray://head:10001) and that the cluster runs the same Ray version"),
    Code.NOT_A_BATCH: ("not a batch output folder ({detail})", "pass the --out folder of `newsprobe batch`"),
    Code.BAD_SHARD: ("a batch output shard is unreadable ({detail})", "delete it and its .done marker, then rerun the batch"),
    Code.EMBEDDINGS_MISSING: ("the sentence encoder could not be read ({detail})",
                           "run `newsprobe train sentence-encoder` to rebuild models/sentences/minilm.onnx"),
    Code.STORY_BAD_LINE: ("bad article line: {detail}",
                          "give one JSON object a line with a non-empty 'id' and a 'text' string"),
    Code.STORIES_BAD_DATA: ("not story-labelled articles: {detail}",
                            "pass a JSON-lines file whose objects hold id, text and story (ecbplus-stories/dev.jsonl)"),
    Code.FACTCHECK_BAD_LINE: ("bad fact-check line: {detail}",
                              "give one JSON object a line with non-empty 'vclaim_id' and 'vclaim' strings"),
    Code.FACTCHECK_DUPLICATE: ("duplicate fact-check id: {detail}", "give each fact-check its own vclaim_id; the first one is kept"),
    Code.FACTCHECK_ENCODING: ("a line is not UTF-8: {detail}", "convert the file to UTF-8; the other lines are read"),
    Code.QUERY_BAD_LINE: ("bad query line: {detail}", "write id<TAB>text, one query a line"),
    Code.BAD_QRELS: ("bad relevance line: {detail}", "write query_id<TAB>0<TAB>vclaim_id<TAB>1"),
    Code.NO_FACTCHECKS: ("no usable fact-checks in {detail}", "pass a JSON-lines file of fact-checks (vclaim_id, vclaim)"),
    Code.FACTCHECK_BAD_JSON_LD: ("bad ClaimReview JSON-LD: {detail}",
                                 "give one ClaimReview object, a list of them, or a page's {\"@graph\": [...]}, "
                                 "in UTF-8; the items before the fault are loaded"),
    Code.STORY_NOT_FOUND: ("no story {detail} in the store", "list the stories with `newsprobe stories list`"),
    Code.FACTCHECK_NOT_FOUND: ("no fact-check {detail} in the store", "load it with `newsprobe factchecks load`"),
    Code.CLAIM_NOT_FOUND: ("no stored claim {detail}",
                           "give ARTICLE_ID:CLAIM_INDEX of a check-worthy claim (`newsprobe show` lists them)"),
    Code.INTERNAL: ("internal error: {detail}", "report it with the input that caused it"),
}


class NewsprobeError(Exception):
    """A coded error about one input: `str()` gives the one line a user sees."""

    def __init__(self, code: Code, detail: object = "", source: str | None = None) -> None:
        self.code = code
        self.detail = str(detail)
        self.source = source
        what, self.hint = MESSAGES[code]
        self.reason = what.format(detail=self.detail)
        super().__init__(str(self))

    def with_source(self, source: str) -> NewsprobeError:
        self.source = source
        return self

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code.value}] {where}{self.reason}; {self.hint}"

    def as_record(self) -> dict[str, str | None]:
        return {"source": self.source, "code": self.code.value, "reason": self.reason}

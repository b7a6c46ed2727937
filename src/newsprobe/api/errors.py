"""Every API error is JSON with the CLI's code: {"error": {"code", "reason", "hint", "source"}}."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from newsprobe.errors import Code, NewsprobeError

# HTTP status of each code; codes not listed fall back by their hundred (see `status_of`).
STATUS: dict[Code, int] = {
    Code.URL_SCHEME: 400, Code.URL_ADDRESS: 400, Code.URL_FAILED: 502, Code.URL_TOO_LARGE: 502,
    Code.URL_TIMEOUT: 504, Code.URL_REDIRECTS: 502,
    Code.BAD_QUERY: 400, Code.EXPORT: 400, Code.NOT_STORED: 404, Code.ANALYSIS_FAILED: 500,
    Code.UNAUTHORIZED: 401, Code.FORBIDDEN: 403, Code.BODY_TOO_LARGE: 413, Code.BAD_REQUEST: 422,
    Code.BAD_CURSOR: 400, Code.NO_ROUTE: 404, Code.INTERNAL: 500,
    Code.TEXT_TOO_LONG: 413, Code.BAD_UNICODE: 422, Code.DATE_OUT_OF_RANGE: 422, Code.BAD_URL: 400,
    Code.BUSY: 503, Code.ANALYSIS_TIMEOUT: 504, Code.WORKER_FAILED: 503,
    Code.STORY_NOT_FOUND: 404, Code.FACTCHECK_NOT_FOUND: 404, Code.CLAIM_NOT_FOUND: 404,
}
RETRY_AFTER_S = 5  # when busy: long enough for a typical analysis to finish
BY_HUNDRED = {"1": 422, "2": 502, "3": 500, "4": 503, "9": 400}


def status_of(code: Code) -> int:
    return STATUS.get(code) or BY_HUNDRED.get(code.value[2], 500)


def error_body(error: NewsprobeError) -> dict:
    return {"error": {"code": error.code.value, "reason": error.reason, "hint": error.hint, "source": error.source}}


def error_response(error: NewsprobeError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if error.code is Code.UNAUTHORIZED else None
    if error.code in {Code.BUSY, Code.WORKER_FAILED}:
        headers = {"Retry-After": str(RETRY_AFTER_S)}
    return JSONResponse(error_body(error), status_code=status_of(error.code), headers=headers)


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for item in exc.errors()[:5]:
        where = ".".join(str(p) for p in item.get("loc", ()) if p != "body")
        parts.append(f"{where or 'body'}: {item.get('msg', 'invalid')}")
    return "; ".join(parts)


def install(app: FastAPI) -> None:
    @app.exception_handler(NewsprobeError)
    async def coded(_request: Request, exc: NewsprobeError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(NewsprobeError(Code.BAD_REQUEST, _validation_detail(exc)))

    @app.exception_handler(HTTPException)
    async def http(request: Request, exc: HTTPException) -> JSONResponse:
        if isinstance(exc.__cause__, NewsprobeError):  # raised while FastAPI read the body (e.g. too large)
            return error_response(exc.__cause__)
        if exc.status_code == 404:
            return error_response(NewsprobeError(Code.NO_ROUTE, request.url.path))
        error = error_response(NewsprobeError(Code.BAD_REQUEST, exc.detail))
        error.status_code = exc.status_code
        return error

    @app.exception_handler(Exception)
    async def crashed(_request: Request, exc: Exception) -> JSONResponse:
        return error_response(NewsprobeError(Code.INTERNAL, type(exc).__name__))

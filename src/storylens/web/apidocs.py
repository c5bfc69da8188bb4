"""The API documentation page, rendered on the server from the OpenAPI schema (works offline, no CDN)."""

from __future__ import annotations

from typing import Any


def _params(operation: dict[str, Any]) -> list[dict[str, Any]]:
    found = [{"name": p.get("name", ""), "in": p.get("in", ""), "required": bool(p.get("required")),
              "type": (p.get("schema") or {}).get("type") or "string"} for p in operation.get("parameters") or []]
    body = ((operation.get("requestBody") or {}).get("content") or {})
    for media, spec in body.items():
        ref = (spec.get("schema") or {}).get("$ref", "")
        found.append({"name": ref.rsplit("/", 1)[-1] or "body", "in": media, "required": True, "type": "form"})
    return found


def docs_context(schema: dict[str, Any]) -> dict[str, Any]:
    """Endpoints (method, path, summary, description, parameters) from an OpenAPI schema."""
    endpoints = []
    for path, methods in sorted((schema.get("paths") or {}).items()):
        for method, operation in methods.items():
            description = (operation.get("description") or "").strip()
            endpoints.append({"method": method.upper(), "path": path, "summary": operation.get("summary") or "",
                              "description": description, "params": _params(operation)})
    info = schema.get("info") or {}
    return {"title": "API", "api_title": info.get("title", ""), "api_version": info.get("version", ""),
            "description": info.get("description", ""), "endpoints": endpoints}
